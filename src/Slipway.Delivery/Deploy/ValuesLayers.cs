using Slipway.Delivery.Components;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// The values a release gets in an environment, in helm's merge order: chart defaults → deploy/values/common.yaml →
/// the environment's files → deploy/values/components/&lt;component&gt;.yaml (its components only) → --set overrides
/// (global.registry, and the tags and digests of the images this run built: a digest only where pinned).
/// </summary>
public sealed record ValuesLayers(IReadOnlyList<string> Files, IReadOnlyList<KeyValuePair<string, string>> Set)
{
    public static ValuesLayers For(AbsolutePath root, DeploymentEnvironment environment, ReleaseDefinition release,
        IReadOnlyList<Component> components, string? registry, IReadOnlyList<BuiltImage> images, bool pinDigests)
    {
        var files = new List<string>();
        void Add(AbsolutePath file, bool required)
        {
            if (file.FileExists) files.Add(file);
            else if (required) throw new TargetFailedException($"Values file {file.RelativeTo(root)} of environment '{environment.Name}' does not exist.");
        }
        Add(root / "deploy" / "values" / "common.yaml", required: false);
        foreach (var file in environment.ValuesFiles) Add(root / file, required: true);
        var ours = components.Where(c => c.Kind == release.Components).ToList();
        foreach (var component in ours) Add(root / "deploy" / "values" / "components" / $"{component.Name}.yaml", required: false);

        var set = new List<KeyValuePair<string, string>>();
        if (registry != null) set.Add(new("global.registry", registry));
        if (release.Published is { } published)
        {
            // a published chart deploys the images of its version (their digests where pinned), whatever the tag
            // files or this run say; images holds what the registry gives for that version
            foreach (var component in ours.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var digest = images.FirstOrDefault(i => i.Component == component.Name)?.Digest ?? "";
                if (pinDigests && digest.Length == 0)
                    throw new TargetFailedException($"{component.Name}: environment '{environment.Name}' deploys " +
                        $"images by digest, and the digest of its image at {published.Version} is not known.");
                set.Add(new($"{component.Name}.image.digest", pinDigests ? digest : ""));
                set.Add(new($"{component.Name}.image.tag", published.Version));
            }
            return new ValuesLayers(files, set);
        }
        foreach (var image in images.Where(i => ours.Any(c => c.Name == i.Component)).OrderBy(i => i.Component, StringComparer.Ordinal))
        {
            if (pinDigests && image.Digest.Length == 0)
                throw new TargetFailedException($"{image.Component}: environment '{environment.Name}' deploys " +
                                                "images by digest, but images.json has none: run PushImage.");
            // a -dirty tag moves with each build of an unclean tree: its digest says which content to run
            var moves = image.TagToDeploy.EndsWith("-dirty", StringComparison.Ordinal) && image.Digest.Length > 0;
            // otherwise a digest the values files hold (BumpValues writes one) would pin another image than this tag
            set.Add(new($"{image.Component}.image.digest", pinDigests || moves ? image.Digest : ""));
            set.Add(new($"{image.Component}.image.tag", image.TagToDeploy));
        }
        return new ValuesLayers(files, set);
    }
}
