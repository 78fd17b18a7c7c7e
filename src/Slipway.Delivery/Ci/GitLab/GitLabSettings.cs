namespace Slipway.Delivery.Ci;

/// <summary>GitLab CI options.</summary>
public sealed record GitLabSettings(IReadOnlyList<string> RunnerTags)
{
    public const string FileName = ".gitlab-ci.yml";
}
