using Slipway.Sample.Tests.Support;

namespace Slipway.Sample.Tests.Charts;

/// <summary>One rendered Kubernetes object.</summary>
public sealed record Manifest(Dictionary<string, object?> Root)
{
    static readonly string[] PodTemplateKinds = ["Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet"];

    public string Kind => Root.StringAt("kind") ?? "";
    public string Name => Root.StringAt("metadata.name") ?? "";
    public Dictionary<string, object?> Annotations => Root.MapAt("metadata.annotations");

    /// <summary>The pod spec of a workload (spec.template.spec; a CronJob's job template), or null.</summary>
    public Dictionary<string, object?>? PodSpec =>
        PodTemplateKinds.Contains(Kind) ? Root.At("spec.template.spec") as Dictionary<string, object?>
        : Kind == "CronJob" ? Root.At("spec.jobTemplate.spec.template.spec") as Dictionary<string, object?>
        : Kind == "Pod" ? Root.At("spec") as Dictionary<string, object?>
        : null;

    public Dictionary<string, object?> PodAnnotations => Root.MapAt("spec.template.metadata.annotations");

    public IEnumerable<Dictionary<string, object?>> Containers =>
        PodSpec is { } spec
            ? spec.ListAt("initContainers").Concat(spec.ListAt("containers")).OfType<Dictionary<string, object?>>()
            : [];

    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>The output of helm template, split into objects.</summary>
public sealed class Rendered(IReadOnlyList<Manifest> manifests)
{
    public IReadOnlyList<Manifest> Manifests { get; } = manifests;

    public static Rendered Parse(string yaml) => new(Yaml.LoadDocuments(yaml).Select(d => new Manifest(d)).ToList());

    public IEnumerable<Manifest> Workloads => Manifests.Where(m => m.PodSpec != null);

    public Manifest Single(string kind, string name) => Manifests.Single(m => m.Kind == kind && m.Name == name);

    /// <summary>Every container of every pod template, with its workload.</summary>
    public IEnumerable<(Manifest Workload, Dictionary<string, object?> Container)> Containers =>
        Workloads.SelectMany(w => w.Containers.Select(c => (w, c)));

    public Dictionary<string, object?> Container(string name) => Containers.Single(c => c.Container.StringAt("name") == name).Container;

    public static string? EnvValue(Dictionary<string, object?> container, string name) =>
        container.ListAt("env").OfType<Dictionary<string, object?>>().FirstOrDefault(e => e.StringAt("name") == name)?.StringAt("value");
}
