using Slipway.Engine;

namespace Slipway.Delivery.Tests.Status;

/// <summary>
/// Debian's Chromium, headless, as a person's browser: the DOM it built from a page, and a screenshot of it. Started
/// without background networking (this machine's network is closed) and with a fresh profile each time.
/// </summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<string> DumpDomAsync(string page) =>
        (await RunAsync(["--dump-dom", Url(page)])).StandardOutput;

    public static async Task ScreenshotAsync(string page, string png) =>
        await RunAsync([$"--screenshot={png}", "--window-size=1600,1200", "--hide-scrollbars", Url(page)]);

    private static string Url(string page) => new Uri(System.IO.Path.GetFullPath(page)).AbsoluteUri;

    private static async Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments)
    {
        var profile = Directory.CreateTempSubdirectory("slipway-chromium-").FullName;
        try
        {
            return await ProcessRunner.RunAsync(Path, [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile}", .. arguments,
            ], new ProcessOptions { LogOutput = false, LogInvocation = false, Timeout = TimeSpan.FromMinutes(2) });
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
