namespace Slipway.Delivery.Ci;

/// <summary>One GitHub Actions workflow and the runner its jobs use.</summary>
public sealed record GitHubSettings(string Name, string RunsOn)
{
    public string FileName => $".github/workflows/{Name}.yml";
    /// <summary>actionlint's configuration: the self-hosted runner labels the generated jobs use.</summary>
    public const string ActionlintFileName = ".github/actionlint.yaml";
    public string StopPreviewFileName => $".github/workflows/{Name}-stop-preview.yml";
}
