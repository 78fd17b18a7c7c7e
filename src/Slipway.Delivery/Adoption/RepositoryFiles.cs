namespace Slipway.Delivery.Adoption;

/// <summary>The files an adoption adds once per repository: component list, umbrella chart, values, SDK.</summary>
public static class RepositoryFiles
{
    /// <summary>In the template's Build.Components.cs until Adopt has found the components.</summary>
    public const string PlaceholderMarker = "slipway:components-not-found-yet";

    public static string BuildComponents(IReadOnlyList<(RunnableProject Project, string Path)> components)
    {
        var width = components.Max(c => c.Project.Name.Length);
        var lines = components.Select(c =>
            $"        App(\"{c.Project.Name}\",{new string(' ', width - c.Project.Name.Length + 1)}\"{c.Path}\"),");
        return $$"""
            using Slipway.Delivery.Components;

            /// <summary>
            /// What this repository delivers: found by ./build.sh Adopt (the runnable projects), yours to edit.
            /// Each component has an image (the Dockerfile beside its project), a chart
            /// (charts/apps/components/&lt;name&gt;) and a values file (deploy/values/components/&lt;name&gt;.yaml).
            /// To add one: a line here, and those three files (./build.sh Adopt writes them for a new project).
            /// </summary>
            partial class Build
            {
                public IReadOnlyList<Component> Components =>
                [
            {{string.Join("\n", lines)}}
                ];

                /// <summary>A .NET service: the build publishes <paramref name="project"/> to its publish/.</summary>
                Component App(string name, string project) => new()
                {
                    Name = name,
                    Context = (RootDirectory / project).Parent,
                    Project = RootDirectory / project,
                    Repository = $"{EntityNamespace}/{name}",
                };
            }

            """;
    }

    public static string UmbrellaChart(IReadOnlyList<RunnableProject> projects, string version) => $$"""
        apiVersion: v2
        name: apps
        description: "This repository's applications (umbrella): one chart per component in components/."
        type: application
        # version and appVersion follow the repository's VERSION file (./build.sh SyncChartVersions).
        version: {{version}}
        appVersion: "{{version}}"
        # Local charts: any version of them is the one in the repository (">=0.0.0-0" also admits pre-releases).
        dependencies:
        {{UmbrellaEntries(projects)}}
        """;

    /// <summary>The umbrella's dependency entries for <paramref name="projects"/>, each line ended.</summary>
    public static string UmbrellaEntries(IEnumerable<RunnableProject> projects) =>
        string.Concat(projects.Select(p => $"""
          - name: {p.Name}
            version: ">=0.0.0-0"
            repository: file://components/{p.Name}
            condition: {p.Name}.enabled

        """));

    public static string UmbrellaValues(IReadOnlyList<RunnableProject> projects, string entityNamespace) => $$"""
        # apps umbrella chart defaults, layered over by deploy/values/common.yaml, deploy/values/<env>.yaml and
        # deploy/values/components/<component>.yaml. Each component's own defaults are in components/<name>/values.yaml.
        global:
          # Registry of every image: the build passes --set global.registry=<registry>.
          registry: ""
          # <entity-namespace> of image repositories (<entity-namespace>/<app>) and route prefixes.
          entityNamespace: {{entityNamespace}}
          pullPolicy: IfNotPresent
          imagePullSecrets: []
          # Gateway routing of the routed components (route.enabled), both off by default.
          ingress:
            enabled: false
            className: ""
            host: ""
            annotations: {}
            tls: []
          virtualService:
            enabled: false
            gateways: []
            hosts: ["*"]

        {{string.Join("\n", projects.Select(p => $"{p.Name}:\n  enabled: true"))}}

        """;

    public static string CommonValues(string entityNamespace) => $$"""
        # Layer 2 of 4, for every environment:
        # chart defaults → common.yaml → <env>.yaml → components/<component>.yaml.
        global:
          # registry: not set here; the build passes --set global.registry=<registry>.
          entityNamespace: {{entityNamespace}}
          pullPolicy: IfNotPresent
          imagePullSecrets: []

        """;

    public const string LocalValues = """
        # Environment "local": the stack on this machine (its registry, API server and node), ./build.sh StackUp.
        # Layer 3 of 4: chart defaults → common.yaml → local.yaml → components/<component>.yaml.
        global:
          imagePullSecrets: []     # the local registry needs no credentials

        """;

    public static string GlobalJson(string sdkVersion) => $$"""
        {
          "sdk": {
            "version": "{{sdkVersion}}",
            "rollForward": "latestFeature"
          }
        }

        """;

    public const string Parameters = """
        {
          "$schema": "./build.schema.json"
        }

        """;

    public static string Solution(IEnumerable<string> projectPaths) =>
        "<Solution>\n" + string.Concat(projectPaths.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n";

    public static readonly string[] IgnoredOutputs = ["bin/", "obj/", "artifacts/", ".nuke/temp/", "publish/"];

    public static readonly string[] IgnoredChartOutputs = ["**/charts/*.tgz", "**/Chart.lock"];
}
