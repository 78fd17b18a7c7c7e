using System.Globalization;
using System.Text.RegularExpressions;
using Slipway.Engine;

namespace Slipway.Delivery.Helm;

/// <summary>Which helm a binary is (<c>helm version</c>), and the oldest one the build supports.</summary>
public static partial class HelmVersion
{
    public static readonly Version Minimum = new(3, 17, 0);

    /// <summary>"v3.18.0" or "v4.1.4+g05fa379" → the version; null when the text is not one.</summary>
    public static Version? Parse(string text) =>
        Pattern().Match(text.Trim()) is { Success: true } match
            ? new Version(Number(match, 1), Number(match, 2), Number(match, 3))
            : null;

    private static int Number(Match match, int group) =>
        int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>The binary's version, or null when it does not answer like helm.</summary>
    public static async Task<Version?> ReadAsync(string helm, CancellationToken ct = default)
    {
        try
        {
            var arguments = new[] { "version", "--template", "{{.Version}}" };
            var result = await ProcessRunner.RunAsync(helm, arguments, new ProcessOptions
            {
                LogOutput = false, LogInvocation = false, AllowFailure = true, Timeout = TimeSpan.FromMinutes(1),
            }, ct);
            return result.Succeeded ? Parse(result.StandardOutput) : null;
        }
        catch (ProcessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^v?(\d+)\.(\d+)\.(\d+)")]
    private static partial Regex Pattern();
}
