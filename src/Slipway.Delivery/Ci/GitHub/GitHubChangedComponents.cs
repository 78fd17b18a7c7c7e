using System.Text;
using Slipway.Delivery.Ci.Planning;
using Slipway.Delivery.Ci.Yaml;

namespace Slipway.Delivery.Ci.GitHub;

/// <summary>
/// The job that tells a per-component job's matrix which components a push changed: a bash step comparing the
/// pushed commits (<c>github.event.before</c>..<c>github.sha</c>) with each component's input paths, written to the
/// step's <c>components</c> output as a JSON array. A tag, a new branch or a history git cannot compare gives all.
/// </summary>
public static class GitHubChangedComponents
{
    public const string Output = "components";

    /// <summary>The id of the job computing the components of a per-component job: <c>changed-images</c>.</summary>
    public static string JobId(string declaredId) => CiNames.RequireJobId("changed-" + declaredId);

    public static YamlMapping Job(IReadOnlyList<CiComponent> components, string? condition, YamlNode runsOn) =>
        new YamlMapping()
            .Add("if", condition)
            .Add("runs-on", runsOn)
            .Add("outputs", new YamlMapping().Add(Output, $"${{{{ steps.changed.outputs.{Output} }}}}"))
            .Add("steps", new YamlSequence(
            [
                new YamlMapping().Add("uses", "actions/checkout@v4")
                    .Add("with", new YamlMapping().Add("fetch-depth", new YamlScalar("0", isLiteral: true))),
                new YamlMapping()
                    .Add("id", "changed")
                    .Add("env", new YamlMapping().Add("BEFORE", "${{ github.event.before }}"))
                    .Add("run", Script(components)),
            ]));

    /// <summary>The bash step; it reads BEFORE, GITHUB_SHA, GITHUB_REF_TYPE and writes to GITHUB_OUTPUT.</summary>
    public static string Script(IReadOnlyList<CiComponent> components)
    {
        var all = "[" + string.Join(",", components.Select(c => $"\"{c.Name}\"")) + "]";
        var script = new StringBuilder()
            .Append("if [[ \"$GITHUB_REF_TYPE\" != branch || \"$BEFORE\" =~ ^0*$ ]] ||\n")
            .Append("   ! changed=\"$(git diff --name-only \"$BEFORE\" \"$GITHUB_SHA\")\"; then\n")
            .Append($"  echo '{Output}={all}' >> \"$GITHUB_OUTPUT\"\n")
            .Append("  exit 0\n")
            .Append("fi\n")
            .Append("lines=$'\\n'\"$changed\"$'\\n'\n")
            .Append("# a folder (ending in /) matches the files under it, a file itself\n")
            .Append("touches() {\n")
            .Append("  local path\n")
            .Append("  for path in \"$@\"; do\n")
            .Append("    if [[ \"$path\" == */ ]]; then [[ \"$lines\" == *$'\\n'\"$path\"* ]] && return 0\n")
            .Append("    elif [[ \"$lines\" == *$'\\n'\"$path\"$'\\n'* ]]; then return 0; fi\n")
            .Append("  done\n")
            .Append("  return 1\n")
            .Append("}\n")
            .Append("changed_components=()\n");
        foreach (var component in components)
        {
            // the repository root as a folder: any change
            var paths = component.Changes.Select(p => p.Length == 0 ? "'/'" : $"'{p}'");
            var test = component.Changes.Contains("") ? "true" : "touches " + string.Join(' ', paths);
            script.Append($"{test} && changed_components+=('\"{component.Name}\"')\n");
        }
        return script
            .Append($"(IFS=,; echo \"{Output}=[${{changed_components[*]}}]\") >> \"$GITHUB_OUTPUT\"\n")
            .ToString();
    }
}
