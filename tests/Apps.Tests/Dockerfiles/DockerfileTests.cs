using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentAssertions;
using Slipway.Delivery.Containers;
using Slipway.Sample.Tests.Support;
using Xunit;

namespace Slipway.Sample.Tests.Dockerfiles;

/// <summary>
/// The Dockerfiles' contract with the build: context = the app folder after
/// <c>dotnet publish -c Release -o &lt;app&gt;/publish</c>; <c>--build-arg BASE_REGISTRY=&lt;registry&gt;</c>
/// (orders-api's app image: <c>BASE_IMAGE=&lt;image built from Dockerfile.base&gt;</c>).
/// </summary>
public sealed class DockerfileTests
{
    const string RuntimeBase = "${BASE_REGISTRY}/slipway-base/dotnet-runtime:10.0";

    public static TheoryDataFor Apps => AppImage.Folders;

    static string Dir(string app) => Repo.AppDirectory(app);

    [Theory, MemberData(nameof(Apps))]
    public void The_Dockerfile_is_named_exactly_Dockerfile_with_a_dockerignore(string app)
    {
        var names = Directory.GetFiles(Dir(app)).Select(Path.GetFileName).ToList();

        names.Should().Contain("Dockerfile").And.Contain(".dockerignore");
        names.Where(n => n!.Equals("dockerfile", StringComparison.OrdinalIgnoreCase)).Should().Equal("Dockerfile");
    }

    [Theory, MemberData(nameof(Apps))]
    public void The_image_builds_from_the_runtime_base_named_by_BASE_REGISTRY(string app)
    {
        var file = new DockerfileModel(Path.Combine(Dir(app), app == "orders-api" ? "Dockerfile.base" : "Dockerfile"));

        file.Instructions[0].Should().Be(new DockerInstruction("ARG", "BASE_REGISTRY"), "the registry has no default: the build passes it");
        file.All("FROM").Should().Equal(RuntimeBase);
    }

    [Fact]
    public void The_orders_api_image_builds_from_its_base_image_passed_as_BASE_IMAGE()
    {
        var file = new DockerfileModel(Path.Combine(Dir("orders-api"), "Dockerfile"));

        file.Instructions[0].Should().Be(new DockerInstruction("ARG", "BASE_IMAGE"));
        file.All("FROM").Should().Equal("${BASE_IMAGE}");
        file.All("RUN").Should().BeEmpty("the slow system layer is Dockerfile.base's");
    }

    [Fact]
    public void The_orders_api_base_layer_adds_a_user_directories_and_static_files()
    {
        var file = new DockerfileModel(Path.Combine(Dir("orders-api"), "Dockerfile.base"));

        file.All("RUN").Should().Contain(r => r.Contains("useradd") && r.Contains("--uid 10001"));
        file.All("COPY").Should().Contain("base/etc/ /etc/").And.Contain("base/certs/ /usr/local/share/ca-certificates/slipway/");
        file.All("COPY").Should().NotContain(c => c.Contains("publish"), "the app itself belongs to the app image");
        File.Exists(Path.Combine(Dir("orders-api"), "base", "etc", "slipway", "orders-api", "base.json")).Should().BeTrue();
        file.Env["SLIPWAY_BASE_CONFIG"].Should().Be(Slipway.Sample.OrdersApi.OrdersApiApp.BaseConfigFile);
    }

    [Theory, MemberData(nameof(Apps))]
    public void The_entrypoint_runs_the_published_assembly_with_dotnet(string app)
    {
        var image = AppImage.Named(app);
        var file = new DockerfileModel(Path.Combine(Dir(app), "Dockerfile"));
        var csproj = Directory.GetFiles(Dir(app), "*.csproj").Single();
        var assemblyName = XDocument.Load(csproj).Descendants("AssemblyName").Single().Value;

        assemblyName.Should().Be(image.Assembly);
        file.All("ENTRYPOINT").Should().Equal($"[\"dotnet\", \"{assemblyName}.dll\"]");
        file.All("COPY").Should().Equal("publish/ /app/");
        file.All("WORKDIR").Last().Should().Be("/app");
    }

    [Theory, MemberData(nameof(Apps))]
    public void The_image_runs_as_a_non_root_user_and_installs_nothing(string app)
    {
        foreach (var path in Directory.GetFiles(Dir(app), "Dockerfile*"))
        {
            var file = new DockerfileModel(path);
            file.All("RUN").Should().NotContain(r => Regex.IsMatch(r, @"\b(apt-get|apt|curl|wget|pip|npm|dotnet)\b"),
                "{0}: a RUN step has no network", path);
            file.All("ARG").Should().NotContain(a => a.StartsWith("BASE_REGISTRY="), "no default registry host");
        }
        var user = new DockerfileModel(Path.Combine(Dir(app), "Dockerfile")).All("USER").Last();
        user.Should().MatchRegex(@"^[1-9][0-9]*(:[0-9]+)?$", "a numeric non-root uid lets Kubernetes check runAsNonRoot");
    }

    [Theory, MemberData(nameof(Apps))]
    public void The_container_serves_the_port_it_exposes(string app)
    {
        var image = AppImage.Named(app);
        var file = new DockerfileModel(Path.Combine(Dir(app), "Dockerfile"));

        if (image.Port is not { } port)
        {
            file.All("EXPOSE").Should().BeEmpty("a Job serves no port");
            file.Env.Should().NotContainKey("ASPNETCORE_HTTP_PORTS");
            return;
        }
        file.All("EXPOSE").Should().Equal(port.ToString());
        file.Env["ASPNETCORE_HTTP_PORTS"].Should().Be(port.ToString());
    }

    [Theory, MemberData(nameof(Apps))]
    public void The_build_context_keeps_only_what_the_image_needs(string app)
    {
        var ignore = DockerIgnore.ForContext(Dir(app));
        var assembly = AppImage.Named(app).Assembly;

        ignore.IsExcluded("Dockerfile").Should().BeFalse();
        ignore.IsExcluded($"publish/{assembly}.dll").Should().BeFalse();
        ignore.IsExcluded("publish/wwwroot/index.html").Should().BeFalse();
        foreach (var excluded in new[] { "Program.cs", $"{assembly}.csproj", $"bin/Debug/net10.0/{assembly}.dll", $"obj/project.assets.json", "wwwroot/index.html" })
            ignore.IsExcluded(excluded).Should().BeTrue(excluded);
        if (app == "orders-api")
        {
            ignore.IsExcluded("Dockerfile.base").Should().BeFalse();
            ignore.IsExcluded("base/etc/slipway/orders-api/base.json").Should().BeFalse();
            ignore.IsExcluded("base/certs/.gitkeep").Should().BeFalse();
        }
    }

    [Theory, MemberData(nameof(Apps))]
    public void Every_COPY_source_is_in_the_build_context(string app)
    {
        var ignore = DockerIgnore.ForContext(Dir(app));
        foreach (var path in Directory.GetFiles(Dir(app), "Dockerfile*"))
            foreach (var copy in new DockerfileModel(path).All("COPY"))
            {
                var source = copy.Split(' ').Where(p => !p.StartsWith("--")).First().TrimEnd('/');
                if (source == "publish") continue; // made by dotnet publish just before docker build
                var files = Directory.Exists(Path.Combine(Dir(app), source))
                    ? Directory.GetFiles(Path.Combine(Dir(app), source), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Dir(app), f).Replace('\\', '/')).ToList()
                    : [source];
                files.Should().NotBeEmpty();
                foreach (var file in files)
                    ignore.IsExcluded(file).Should().BeFalse($"{Path.GetFileName(path)} copies {file}");
            }
    }

    [Fact]
    public void Publish_output_is_ignored_by_git_and_by_the_projects()
    {
        File.ReadAllLines(Path.Combine(Repo.PathOf("src", "apps"), ".gitignore")).Should().Contain("publish/");
        foreach (var app in AppImage.All)
        {
            var csproj = File.ReadAllText(Directory.GetFiles(Dir(app.Folder), "*.csproj").Single());
            csproj.Should().Contain("publish/**", "{0}: files in publish/ must not become the project's items", app.Folder);
        }
    }
}
