using System.Text.RegularExpressions;
using Slipway.Engine;

namespace Slipway.Delivery.GitOps;

/// <summary>Checks what BumpValues is given before anything is cloned: component names, tags, values file paths.</summary>
public static partial class BumpArguments
{
    /// <summary>Refuses a component name that could not be a file name and a YAML key at once.</summary>
    public static string Component(string name) => ComponentName().IsMatch(name)
        ? name
        : throw new UsageException($"'{name}' is not a valid component name: use letters, digits, '.', '_' and '-', starting with a letter or digit.");

    /// <summary>Refuses what a registry would not accept as an image tag.</summary>
    public static string Tag(string tag) => ImageTag().IsMatch(tag)
        ? tag
        : throw new UsageException($"'{tag}' is not a valid image tag: at most 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'.");

    /// <summary>Refuses what is not an image digest as registries give it.</summary>
    public static string Digest(string digest) => ImageDigest().IsMatch(digest)
        ? digest
        : throw new UsageException($"'{digest}' is not an image digest: sha256: followed by 64 lowercase hex digits " +
                                   "(as PushImage records it in artifacts/images.json, or docker inspect shows it).");

    /// <summary>Refuses a values file outside the deployment repository.</summary>
    public static string ValuesFile(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        if (string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) || parts.Contains("..") || parts.Contains(".git") || parts[^1].Length == 0)
            throw new UsageException($"'{path}' must be a file path inside the deployment repository, relative to its root (e.g. {TagBump.DefaultValuesFile}).");
        return path.Replace('\\', '/');
    }

    /// <summary>Refuses a key path that does not parse, e.g. <c>orders-api.image.tag</c> or <c>images[0].newTag</c>.</summary>
    public static string Key(string key, string option = "--key")
    {
        try
        {
            Values.KeyPath.Parse(key.Replace("{component}", "component", StringComparison.Ordinal));
            return key;
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option} '{key}' is not a key path: {e.Message}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ComponentName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ImageTag();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex ImageDigest();
}
