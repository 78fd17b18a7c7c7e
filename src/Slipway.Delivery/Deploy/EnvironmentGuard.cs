using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Delivery.Versioning;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>Checks an environment's protections before anything changes: clean tree, release tag, digest-pinned images.</summary>
public static class EnvironmentGuard
{
    public static void Check(DeploymentEnvironment environment, SourceVersion version, IReadOnlyList<BuiltImage>? images = null)
    {
        var protections = environment.Protections;
        var problems = new List<string>();
        if (protections.RequireCleanTree && version.IsDirty)
            problems.Add("the working tree has uncommitted changes; commit or stash them (what runs there must be a " +
                         "commit; untracked files count too, unless .gitignore lists them):" + DirtyList(version));
        if (protections.RequireReleaseTag is { } pattern && !version.Tags.Any(t => Glob.IsMatch(pattern, t)))
            problems.Add($"HEAD ({version.ShortSha}) carries no tag matching {pattern}: tag the release (git tag {pattern.Replace("*", "1.0.0")}) and run from that tag");
        if (protections.ImmutableImages && images != null)
            foreach (var image in images.Where(i => i.Digest.Length == 0 || i.Tags.Any(t => t.EndsWith("-dirty", StringComparison.Ordinal))))
                problems.Add($"{image.Component}: image {image.Reference(image.Tags[0])} is not an immutable, digest-confirmed image: run PushImage from a clean release commit");
        if (problems.Count > 0)
            throw new TargetFailedException($"Environment '{environment.Name}' refuses this run; nothing was changed:\n  - " + string.Join("\n  - ", problems));
    }

    /// <summary>
    /// The guards a run that changes the environment (a deploy, a Retag into its registry) passes: <see cref="Check"/>
    /// with this run's images, which an environment deploying by digest must have.
    /// </summary>
    public static void CheckRun(DeploymentEnvironment environment, SourceVersion version,
        IReadOnlyList<BuiltImage> images)
    {
        var immutable = environment.Protections.ImmutableImages;
        Check(environment, version, immutable ? images : null);
        if (immutable && images.Count == 0)
            throw new TargetFailedException($"Environment '{environment.Name}' deploys images by digest: run " +
                                            "PushImage first (artifacts/images.json is missing or empty); nothing " +
                                            "was changed.");
    }

    /// <summary>The first paths git lists as changed (<c>??</c>: untracked), and how many more.</summary>
    private static string DirtyList(SourceVersion version)
    {
        const int shown = 10;
        var list = string.Concat(version.DirtyPaths.Take(shown).Select(p => $"\n      {p}"));
        return version.DirtyPaths.Count > shown ? $"{list}\n      … and {version.DirtyPaths.Count - shown} more" : list;
    }
}
