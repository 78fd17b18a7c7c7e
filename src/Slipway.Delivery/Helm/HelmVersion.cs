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
            ? new Version(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value))
            : null;

    /// <summary>The binary's version, or null when it does not answer like helm.</summary>
    public static async Task<Version?> ReadAsync(string helm, CancellationToken ct = default)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(helm, ["version", "--template", "{{.Version}}"], new ProcessOptions
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
