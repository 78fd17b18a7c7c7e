using Slipway.Sample.OrdersWorker;

await OrdersWorkerApp.Build(args).RunAsync();
