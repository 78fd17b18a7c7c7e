using Slipway.Sample.WebUi;

await WebUiApp.Build(args).RunAsync();
