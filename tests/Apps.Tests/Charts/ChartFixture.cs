using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Charts;

/// <summary>
/// A copy of charts/ in a temp folder with its local dependencies built (helm dependency build, dependencies
/// first), so tests never write into the repository. Values come from the repository's deploy/values.
/// </summary>
public sealed class ChartFixture : IAsyncLifetime
{
    public static readonly string[] Environments = ["local", "dev", "recette", "prod"];
    public static readonly string[] Umbrellas = ["base", "apps"];
    public const string Registry = "reg.test:5000";
    public const string Namespace = "slipway-chart-tests";

    /// <summary>The components of each umbrella and their repositories.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Images = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["apps"] = new Dictionary<string, string>
        {
            ["orders-api"] = "shop/orders-api",
            ["orders-worker"] = "shop/orders-worker",
            ["web-ui"] = "shop/web-ui",
            ["bus-bootstrap"] = "shop/bus-bootstrap",
        },
        ["base"] = new Dictionary<string, string>
        {
            ["broker"] = "slipway-base/broker",
            ["database"] = "slipway-base/database",
        },
    };

    readonly TempDirectory _copy = new("slipway-charts");
    readonly HashSet<string> _built = [];

    public string ChartsDirectory => _copy.PathOf("charts");

    public string ChartPath(string chart) => Path.Combine(ChartsDirectory, chart);

    public static string ValuesDirectory => Repo.PathOf("deploy", "values");

    /// <summary>The layered values files of an environment, in the order helm merges them.</summary>
    public static IReadOnlyList<string> ValuesFiles(string environment) =>
    [
        Path.Combine(ValuesDirectory, "common.yaml"),
        Path.Combine(ValuesDirectory, environment + ".yaml"),
        .. Directory.GetFiles(Path.Combine(ValuesDirectory, "components"), "*.yaml").Order(StringComparer.Ordinal),
    ];

    /// <summary>What helm would merge from the values files (not the chart defaults).</summary>
    public static Dictionary<string, object?> LayeredValues(string environment) =>
        ValuesFiles(environment).Aggregate(new Dictionary<string, object?>(), (merged, file) => Yaml.Merge(merged, Yaml.LoadMap(File.ReadAllText(file))));

    public async Task InitializeAsync()
    {
        CopyDirectory(Repo.PathOf("charts"), ChartsDirectory);
        foreach (var chart in Umbrellas) await BuildDependencies(ChartPath(chart));
    }

    /// <summary>helm template &lt;chart&gt; with the environment's layered values, global.registry and more arguments.</summary>
    public async Task<ToolResult> TemplateAsync(string chart, string environment, params string[] more) =>
        await Helm.RunAsync(["template", chart, ChartPath(chart), "--namespace", Namespace,
            .. ValuesFiles(environment).SelectMany(f => new[] { "-f", f }), "--set", $"global.registry={Registry}", .. more]);

    public async Task<Rendered> RenderAsync(string chart, string environment, params string[] more)
    {
        var result = await TemplateAsync(chart, environment, more);
        if (result.ExitCode != 0) throw new InvalidOperationException("helm template failed: " + result);
        return Rendered.Parse(result.Output);
    }

    async Task BuildDependencies(string chartDirectory)
    {
        chartDirectory = Path.GetFullPath(chartDirectory);
        if (!_built.Add(chartDirectory)) return;
        var chart = Yaml.LoadMap(await File.ReadAllTextAsync(Path.Combine(chartDirectory, "Chart.yaml")));
        var dependencies = chart.ListAt("dependencies").OfType<Dictionary<string, object?>>().ToList();
        if (dependencies.Count == 0) return;
        foreach (var repository in dependencies.Select(d => d.StringAt("repository") ?? "").Where(r => r.StartsWith("file://")))
            await BuildDependencies(Path.Combine(chartDirectory, repository["file://".Length..]));
        var result = await Helm.RunAsync("dependency", "build", chartDirectory);
        if (result.ExitCode != 0) throw new InvalidOperationException("helm dependency build failed: " + result);
    }

    static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".tgz") || name == "Chart.lock") continue;
            File.Copy(file, Path.Combine(to, name));
        }
        foreach (var directory in Directory.GetDirectories(from)) CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }

    public Task DisposeAsync()
    {
        _copy.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ChartsCollection : ICollectionFixture<ChartFixture>
{
    public const string Name = "charts";
}

/// <summary>Theory data: every environment × umbrella chart.</summary>
public sealed class EnvironmentCharts : TheoryData<string, string>
{
    public EnvironmentCharts()
    {
        foreach (var environment in ChartFixture.Environments)
            foreach (var chart in ChartFixture.Umbrellas)
                Add(environment, chart);
    }
}
