using Slipway.Delivery.Ci.Files;
using Slipway.Delivery.Ci.GitHub;
using Slipway.Delivery.Ci.GitLab;
using Slipway.Delivery.Ci.Page;
using Slipway.Delivery.Ci.Planning;

namespace Slipway.Delivery.Ci;

/// <summary>Plans the jobs once and writes them for each declared CI system.</summary>
public static class CiGenerator
{
    public static readonly IReadOnlyList<string> Header =
    [
        GeneratedFiles.Marker + " from the build's target graph and CI declaration: do not edit by hand.",
        "Change the build, then run ./build.sh GenerateCi; ./build.sh GenerateCi --check fails while this file is stale.",
    ];

    /// <summary>
    /// The CI files, and the README (<paramref name="readme"/>: its text now) with the CI jobs section.
    /// </summary>
    public static GeneratedFiles Generate(CiDeclaration declaration, CiBuildFacts facts, string? readme = null)
    {
        var pipeline = CiPipelinePlanner.Plan(declaration, facts);
        var files = new Dictionary<string, string>();
        if (declaration.GitLabCi is { } gitLab)
            files[GitLabSettings.FileName] = GitLabCiWriter.Write(pipeline, gitLab, Header);
        if (declaration.GitHubWorkflows.Count > 0 &&
            GitHubWorkflowWriter.WriteActionlintConfig(pipeline, Header) is { } lint)
            files[GitHubSettings.ActionlintFileName] = lint;
        foreach (var workflow in declaration.GitHubWorkflows)
        {
            files[workflow.FileName] = GitHubWorkflowWriter.Write(pipeline, workflow, Header);
            if (GitHubWorkflowWriter.WriteStopPreview(pipeline, workflow, Header) is { } stop)
                files[workflow.StopPreviewFileName] = stop;
        }
        files[CiJobsPage.FileName] = CiJobsPage.Into(readme, pipeline, declaration);
        return new GeneratedFiles(files);
    }
}
