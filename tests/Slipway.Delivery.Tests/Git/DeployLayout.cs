namespace Slipway.Delivery.Tests.Git;

/// <summary>A deployment repository's values layout: one tag file per component, a shared file, an environment file.</summary>
internal static class DeployLayout
{
    public const string SharedFile = "deploy/values/shared.yaml";

    public static string ComponentFile(string component) => $"deploy/values/{component}.yaml";

    public static string ComponentValues(string component, string tag) => $"""
        # Image of {component}, written by BumpValues: do not edit by hand.
        image:
          repository: registry.example.com/shop/{component}
          tag: "{tag}" # slipway:image={component}
          pullPolicy: IfNotPresent

        # Topics this component declares.
        topics:
          - {component}-events

        """;

    public static string SharedValues(IEnumerable<string> keys) =>
        "# Tags of the components deployed together.\ncomponents:\n" +
        string.Concat(keys.Select(key => $"  {key}:\n    tag: 1.0.0 # bumped by the pipeline\n"));

    public static Dictionary<string, string> Seed(IEnumerable<string> components, IEnumerable<string> sharedKeys)
    {
        var files = components.ToDictionary(ComponentFile, c => ComponentValues(c, "1.0.0"));
        files[SharedFile] = SharedValues(sharedKeys);
        files["deploy/values.yaml"] = "# Environment defaults.\nreplicaCount: 1\n";
        return files;
    }
}
