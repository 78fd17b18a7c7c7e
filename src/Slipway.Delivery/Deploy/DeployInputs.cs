using System.Text.RegularExpressions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Images;
using Slipway.Delivery.Registry;
using Slipway.Engine;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// Checked before any release changes: every enabled component a release deploys has an image to run — a record of
/// this run's push (artifacts/images.json), or a real tag in its values files that the registry holds. A placeholder
/// tag (<c>0000000</c>), a missing one, or an image the registry does not have refuses the deploy, naming the component,
/// the file and what to do, instead of pods in ImagePullBackOff.
/// </summary>
public static partial class DeployInputs
{
    public static async Task CheckAsync(IEnumerable<(ReleaseDefinition Release, ValuesLayers Values)> releases,
        IReadOnlyList<Component> components, IReadOnlyList<BuiltImage> images, ImageRegistry pullRegistry,
        Func<string, RegistryClient> registryFor, AbsolutePath root, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var (release, values) in releases)
        foreach (var component in components.Where(c => c.Kind == release.Components))
        {
            if (images.Any(i => i.Component == component.Name)) continue; // pushed by this run, digest confirmed
            var files = new[] { Path.Combine(release.Chart, "values.yaml") }.Concat(values.Files).ToList();
            if (Value(files, component.Name, "enabled") is ({ } enabled, _) &&
                enabled.Equals("false", StringComparison.OrdinalIgnoreCase)) continue;
            var setTag = values.Set.LastOrDefault(s => s.Key == $"{component.Name}.image.tag").Value;
            var (tag, file) = setTag != null
                ? ((string?)setTag, (string?)null)
                : Value(files, component.Name, "image", "tag");
            var where = file != null ? $" ({AbsolutePath.From(file).RelativeTo(root)})"
                : release.Published is { } published ? $" (the version of {published})" : "";
            if (tag == null || Placeholder().IsMatch(tag))
            {
                problems.Add($"{component.Name}: this run has no image for it (artifacts/images.json has no record) " +
                             $"and its values{where} hold {(tag == null ? "no tag" : $"the placeholder tag {tag}")}: " +
                             "run PushImage (./build.sh DeployApps runs it first), or write a built tag there " +
                             "(BumpValues)");
                continue;
            }
            var repository = pullRegistry.RepositoryFor(component.Repository);
            try
            {
                if (await registryFor(pullRegistry.Host).HeadManifestAsync(repository, tag, ct) == null)
                    problems.Add($"{component.Name}: {pullRegistry.Host}/{repository}:{tag}, the tag its values" +
                                 $"{where} name, is not in the registry: push it (PushImage) or correct the tag");
            }
            catch (Exception e) when (e is RegistryException or HttpRequestException)
            {
                problems.Add($"{component.Name}: whether {pullRegistry.Host}/{repository}:{tag} exists could not be " +
                             $"read: {e.Message}");
            }
        }
        if (problems.Count > 0)
            throw new TargetFailedException("The deploy was refused before any release changed:\n  - " +
                                            string.Join("\n  - ", problems));
    }

    /// <summary>The value at a key path in the last file that sets it (helm's merge order), and that file.</summary>
    private static (string? Value, string? File) Value(IReadOnlyList<string> files, params string[] path)
    {
        (string?, string?) found = (null, null);
        foreach (var file in files.Where(File.Exists))
        {
            var stream = new YamlStream();
            try { stream.Load(new StringReader(File.ReadAllText(file))); }
            catch (YamlDotNet.Core.YamlException) { continue; } // helm reports a broken values file itself
            YamlNode? node = stream.Documents.FirstOrDefault()?.RootNode;
            foreach (var key in path)
                node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(key, out var child) ? child : null;
            if (node is YamlScalarNode { Value: { Length: > 0 } value }) found = (value, file);
        }
        return found;
    }

    [GeneratedRegex("^0+$")]
    private static partial Regex Placeholder();
}
