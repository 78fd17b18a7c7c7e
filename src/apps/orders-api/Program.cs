using Slipway.Sample.OrdersApi;

await OrdersApiApp.Build(args).RunAsync();
