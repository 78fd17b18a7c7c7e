namespace Slipway.Engine;

/// <summary>Where the build runs, as far as log formatting is concerned.</summary>
public enum CiHost
{
    Terminal,
    GitLab,
    GitHubActions,
    /// <summary>Some other CI (CI=true): plain output, no animation.</summary>
    OtherCi,
}

internal static class CiHostDetection
{
    public static CiHost Detect(Func<string, string?> environment)
    {
        if (IsTrue(environment("GITLAB_CI"))) return CiHost.GitLab;
        if (IsTrue(environment("GITHUB_ACTIONS"))) return CiHost.GitHubActions;
        if (IsTrue(environment("CI")) || IsTrue(environment("TF_BUILD"))) return CiHost.OtherCi;
        return CiHost.Terminal;
    }

    private static bool IsTrue(string? value) =>
        value != null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");
}
