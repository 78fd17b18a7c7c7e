using Slipway.Delivery.Ci.Yaml;

namespace Slipway.Delivery.Ci.GitHub;

/// <summary>The steps every generated job shares: checkout, the SDK of global.json, the NuGet cache, artifacts in and out.</summary>
public static class GitHubSteps
{
    public const string EnvironmentVariable = "SLIPWAY_ENV";

    public static IEnumerable<YamlNode> Setup() =>
    [
        Uses("actions/checkout@v4", new YamlMapping().Add("fetch-depth", new YamlScalar("0", isLiteral: true))),
        Uses("actions/setup-dotnet@v4", new YamlMapping().Add("global-json-file", "global.json")),
        Uses("actions/cache@v4", new YamlMapping()
            .Add("path", "~/.nuget/packages")
            .Add("key", "nuget-${{ hashFiles('**/*.csproj', 'Directory.Build.props', 'global.json') }}")
            .Add("restore-keys", "nuget-")),
    ];

    public static YamlNode Run(string command) => new YamlMapping().Add("run", command);

    /// <summary>A command run even when an earlier step failed.</summary>
    public static YamlNode Always(string command) => new YamlMapping().Add("if", "always()").Add("run", command);

    /// <summary>
    /// The artifacts of a job this one needs (<paramref name="pattern"/>: its name, or <c>images-*</c> for a matrix),
    /// restored at the paths they were taken from.
    /// </summary>
    public static YamlNode Download(string pattern) => Uses("actions/download-artifact@v4", new YamlMapping()
        .Add("pattern", pattern)
        .Add("merge-multiple", YamlScalar.True));

    /// <summary>
    /// The job's artifacts, uploaded even when it failed (reports). global.json anchors the upload at the repository
    /// root: upload-artifact stores paths relative to the matched files' common parent.
    /// </summary>
    public static YamlNode Upload(string jobId, IReadOnlyList<string> paths) => new YamlMapping()
        .Add("if", "always()")
        .Add("uses", "actions/upload-artifact@v4")
        .Add("with", new YamlMapping()
            .Add("name", jobId)
            .Add("path", string.Join('\n', ["global.json", .. paths]) + "\n")
            .Add("if-no-files-found", "ignore")
            .Add("include-hidden-files", YamlScalar.True)
            .Add("retention-days", new YamlScalar("7", isLiteral: true)));

    private static YamlMapping Uses(string action, YamlMapping with) => new YamlMapping().Add("uses", action).Add("with", with);
}
