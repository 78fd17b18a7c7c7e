using System.Collections;
using Slipway.Sample.BusBootstrap;

var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
return await BootstrapCommand.RunAsync(args, environment, Console.Out, Console.Error);
