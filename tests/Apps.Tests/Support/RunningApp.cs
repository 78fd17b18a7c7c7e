using Microsoft.AspNetCore.Builder;

namespace Slipway.Sample.Tests.Support;

/// <summary>An app's real host listening on 127.0.0.1 (a free port), with an HttpClient pointed at it.</summary>
public sealed class RunningApp : IAsyncDisposable
{
    RunningApp(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    /// <param name="build">the app's Build(args)</param>
    /// <param name="arguments">more command-line arguments (configuration such as --Bus:Topics=a,b)</param>
    public static async Task<RunningApp> StartAsync(Func<string[], WebApplication> build, params string[] arguments)
    {
        var url = $"http://127.0.0.1:{Tool.FreePort()}";
        var app = build(["--urls", url, "--environment", "Production", .. arguments]);
        await app.StartAsync();
        return new RunningApp(app, new Uri(app.Urls.Single() + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
