using System.Text;
using Slipway.Delivery.Ci.Planning;

namespace Slipway.Delivery.Ci.Page;

/// <summary>
/// The adopter's page: per generated job, what it runs, for which environments, on which runner and which variables
/// it reads, written into the README between markers by <c>./build.sh GenerateCi</c> so it cannot drift from the files.
/// </summary>
public static class CiJobsPage
{
    public const string FileName = "README.md";
    public const string Begin = "<!-- " + Files.GeneratedFiles.Marker + ": CI jobs (do not edit by hand) -->";
    public const string End = "<!-- end of the generated CI jobs -->";

    /// <summary>The README with its section replaced (or, when it has none, appended).</summary>
    public static string Into(string? readme, CiPipeline pipeline, CiDeclaration declaration)
    {
        var section = Begin + "\n" + Section(pipeline, declaration) + End + "\n";
        if (string.IsNullOrEmpty(readme)) return section;
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin) return readme.TrimEnd('\n') + "\n\n" + section;
        var after = end + End.Length;
        if (after < readme.Length && readme[after] == '\n') after++;
        return readme[..begin] + section + readme[after..];
    }

    private static string Section(CiPipeline pipeline, CiDeclaration declaration)
    {
        var text = new StringBuilder();
        text.Append("Each generated job, the runner it needs and the variables it reads, listed under it\n")
            .Append("(GitLab: CI/CD variables, kubeconfigs as File variables; GitHub: `vars` and `secrets` of the\n")
            .Append("job's environment). A GitLab default applies unless a project variable of that name is set.\n\n");
        foreach (var job in pipeline.Jobs)
        {
            if (job.Component is { } part)
            {
                // a per-component job is listed once, under its first component's
                if (pipeline.Jobs.First(j => j.Component?.DeclaredId == part.DeclaredId) != job) continue;
                var names = pipeline.Jobs.Where(j => j.Component?.DeclaredId == part.DeclaredId)
                    .Select(j => $"`{j.Component!.Component.Name}`");
                text.Append($"- **`{part.DeclaredId}-<component>`**: `{job.Command}`\n").Append(Wrapped(
                    $"one per component ({string.Join(", ", names)}), each run only when a push changes that " +
                    "component's inputs (GitLab `rules: changes`; GitHub: a matrix over what the " +
                    $"`changed-{part.DeclaredId}` job finds)"));
            }
            else text.Append($"- **`{job.Id}`**: `{job.Command}`\n");
            text.Append($"  - environments: {Environments(job, pipeline)}; runner: {Runner(job, declaration)}\n");
            foreach (var (name, value) in job.Variables)
                text.Append(name == job.Component?.Variable
                    ? $"  - `{name}` = the component (set by the job)\n"
                    : $"  - `{name}` = `{value}` (set by the job)\n");
            foreach (var input in job.Inputs) text.Append($"  - {Input(input, declaration)}\n");
        }
        return text.ToString();
    }

    /// <summary>A list item under a job, wrapped at 120 characters.</summary>
    private static string Wrapped(string text)
    {
        var lines = new List<string> { "  -" };
        foreach (var word in text.Split(' '))
            if (lines[^1].Length + 1 + word.Length <= 120) lines[^1] += " " + word;
            else lines.Add("    " + word);
        return string.Join('\n', lines) + "\n";
    }

    private static string Environments(CiJob job, CiPipeline pipeline) =>
        (job.Environments.Count == pipeline.Environments.Count
            ? "all"
            : string.Join(", ", job.Environments.Select(e => e.Name)))
        + (job.Manual ? " (started by hand)" : "");

    private static string Runner(CiJob job, CiDeclaration declaration)
    {
        var runner = job.RunnerLabels.Count > 0
            ? $"self-hosted {string.Join(", ", job.RunnerLabels.Select(l => $"`{l}`"))}"
            : "any";
        if (job.UsesDocker)
            runner += declaration.GitLabCi is { } gitLab
                ? $", with docker (GitLab: the `{gitLab.DockerService}` service)"
                : ", with docker";
        return runner;
    }

    private static string Input(CiInput input, CiDeclaration declaration)
    {
        var notes = new List<string>();
        if (input.IsSecret) notes.Add("secret");
        if (declaration.GitLabCi?.DefaultFor(input) is { } value) notes.Add($"GitLab default `{value}`");
        if (declaration.GitHubWorkflows.Count > 0)
            notes.Add($"GitHub `{(input.IsSecret ? "secrets" : "vars")}.{input.Source}`");
        return $"`{input.Variable}`" + (notes.Count > 0 ? $" ({string.Join("; ", notes)})" : "");
    }
}
