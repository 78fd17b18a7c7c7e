using FluentAssertions;
using Slipway.Delivery.Adoption;
using Slipway.Delivery.Charts;
using Slipway.Delivery.Tests.Helm;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Adoption;

/// <summary>
/// What Adopt writes into a repository: every file once, none overwritten unless forced, the template's placeholder
/// component list replaced; the chart it writes renders with the shipped library chart (real helm).
/// </summary>
public sealed class AdoptionPlanTests : IDisposable
{
    private readonly AbsolutePath _root =
        AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-adopt-").FullName);

    public AdoptionPlanTests()
    {
        Write("src/Storefront/Storefront.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>");
        Write("src/Mailer/Mailer.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\"></Project>");
        Write("build/Build.Components.cs", $"// {RepositoryFiles.PlaceholderMarker}\n");
        Write("global.json", "{ \"sdk\": { \"version\": \"10.0.100\" } }\n");
    }

    [Fact]
    public async Task A_first_run_writes_every_file_a_second_keeps_them_all()
    {
        Write("src/Mailer/Dockerfile", "FROM mine\n");

        var first = await AdoptAsync(force: false);

        first.Written.Should().Contain(["build/Build.Components.cs", "src/Storefront/Dockerfile",
            "charts/apps/components/storefront/Chart.yaml", "charts/apps/components/mailer/values.yaml",
            "deploy/values/components/mailer.yaml", "charts/apps/Chart.yaml", "deploy/values/common.yaml",
            "VERSION", $"{_root.Name}.slnx", ".gitignore"]);
        first.Kept.Should().Contain("src/Mailer/Dockerfile").And.NotContain("global.json");
        first.Written.Should().NotContain("global.json", "the repository pins its SDK already");
        Read("src/Mailer/Dockerfile").Should().Be("FROM mine\n");
        Read("build/Build.Components.cs").Should().Contain("App(\"mailer\",     \"src/Mailer/Mailer.csproj\"),")
            .And.Contain("App(\"storefront\", \"src/Storefront/Storefront.csproj\"),")
            .And.NotContain(RepositoryFiles.PlaceholderMarker);
        Read("src/Storefront/Dockerfile").Should().Contain("ENTRYPOINT [\"dotnet\", \"Storefront.dll\"]")
            .And.Contain("ASPNETCORE_HTTP_PORTS=8080");
        Read("src/Mailer/.dockerignore").Should().Contain("bin/");
        Read("charts/apps/components/mailer/Chart.yaml").Should()
            .Contain($"version: {LibraryChart.Version}\n    repository: oci://registry.example.com/slipway/charts");
        Read($"{_root.Name}.slnx").Should().Contain("<Project Path=\"build/_build.csproj\" />")
            .And.Contain("<Project Path=\"src/Mailer/Mailer.csproj\" />");

        var snapshot = Snapshot();
        var second = await AdoptAsync(force: false);

        second.Written.Should().BeEmpty();
        Snapshot().Should().Equal(snapshot);
    }

    [Fact]
    public async Task An_edited_component_list_is_kept_and_force_rewrites_everything()
    {
        await AdoptAsync(force: false);
        Write("build/Build.Components.cs", "// mine\n");
        Write("deploy/values/common.yaml", "global: {}\n");

        (await AdoptAsync(force: false)).Kept.Should()
            .Contain(["build/Build.Components.cs", "deploy/values/common.yaml"]);
        Read("build/Build.Components.cs").Should().Be("// mine\n");

        (await AdoptAsync(force: true)).Written.Should()
            .Contain(["build/Build.Components.cs", "deploy/values/common.yaml"]);
        Read("build/Build.Components.cs").Should().Contain("App(\"storefront\"");
        Read("deploy/values/common.yaml").Should().Contain("entityNamespace: shop");
    }

    [Fact]
    public async Task A_new_service_joins_a_kept_umbrella_or_is_named_when_its_dependencies_are_not_last()
    {
        await AdoptAsync(force: false);
        Write("src/Mailer2/Mailer2.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\"></Project>");

        var added = await AdoptAsync(force: false);

        added.Written.Should().Contain("charts/apps/Chart.yaml (dependencies: mailer2)");
        Slipway.Delivery.Deploy.ChartDependency.Of(_root / "charts" / "apps").Select(d => d.Name).Should()
            .Equal("mailer", "storefront", "mailer2");

        Write("src/Mailer3/Mailer3.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Worker\"></Project>");
        File.AppendAllText(_root / "charts" / "apps" / "Chart.yaml", "annotations:\n  team: shop\n");
        var umbrella = Read("charts/apps/Chart.yaml");

        var named = await AdoptAsync(force: false);

        named.Warnings.Should().ContainSingle().Which.Should().Contain("does not deploy mailer3")
            .And.Contain("- name: mailer3");
        Read("charts/apps/Chart.yaml").Should().Be(umbrella);
    }

    [Fact]
    public async Task Ignore_files_get_only_the_lines_they_lack()
    {
        Write(".gitignore", "node_modules/\nbin/\n");

        await AdoptAsync(force: false);

        var lines = File.ReadAllLines(_root / ".gitignore");
        lines.Should().StartWith(["node_modules/", "bin/"]);
        lines.Count(l => l == "bin/").Should().Be(1);
        lines.Should().Contain(["obj/", "artifacts/", ".nuke/temp/", "publish/"]);
    }

    [Fact]
    public async Task The_written_charts_render_a_deployment_per_component_with_the_shipped_library()
    {
        await AdoptAsync(force: false);
        var helm = TestHelm.Default;
        foreach (var component in new[] { "mailer", "storefront" })
            await LibraryChart.VendorAsync(helm, _root / "charts" / "apps" / "components" / component, default);
        await Slipway.Delivery.Deploy.ChartDependencies.BuildAsync(helm, _root / "charts" / "apps", default);

        var manifests = await helm.TemplateAsync("apps", _root / "charts" / "apps", "shop-local",
            [_root / "deploy" / "values" / "common.yaml", _root / "deploy" / "values" / "components" / "mailer.yaml",
             _root / "deploy" / "values" / "components" / "storefront.yaml"],
            [new("global.registry", "127.0.0.1:5000")]);

        manifests.Should().Contain("image: \"127.0.0.1:5000/shop/storefront:0000000\"")
            .And.Contain("image: \"127.0.0.1:5000/shop/mailer:0000000\"")
            .And.Contain("kind: Service")
            .And.Contain("containerPort: 8080");
        // the worker has no port: one Service only, the web component's
        System.Text.RegularExpressions.Regex.Matches(manifests, "kind: Service\\n").Count.Should().Be(1);
    }

    [Fact]
    public void A_repository_without_runnable_projects_or_with_two_of_one_name_is_refused_before_any_write()
    {
        var none = () => AdoptionPlan.CheckComponents(_root, []);
        none.Should().Throw<TargetFailedException>()
            .WithMessage("No runnable project was found under *Adopt wrote nothing.");

        Write("tools/Storefront/Storefront.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>");
        var twice = () => AdoptionPlan.CheckComponents(_root, RunnableProject.Find(_root));
        twice.Should().Throw<TargetFailedException>().WithMessage(
            "Two projects give the component name 'storefront': " +
            "src/Storefront/Storefront.csproj, tools/Storefront/Storefront.csproj. Rename one*");
    }

    private async Task<AdoptionWriter> AdoptAsync(bool force)
    {
        var writer = new AdoptionWriter(_root, force);
        var plan = new AdoptionPlan(_root, RunnableProject.Find(_root), "shop", "registry.example.com");
        await plan.WriteAsync(writer, default);
        return writer;
    }

    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(_root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

    private void Write(string relative, string text)
    {
        var file = _root / relative;
        file.Parent.CreateDirectory();
        File.WriteAllText(file, text);
    }

    private string Read(string relative) => File.ReadAllText(_root / relative);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
