using FluentAssertions;
using Slipway.Delivery.Adoption;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Adoption;

/// <summary>Which projects of a repository Adopt takes as components, and the names it gives them.</summary>
public sealed class RunnableProjectTests : IDisposable
{
    private readonly AbsolutePath _root = AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-scan-").FullName);

    [Fact]
    public void Web_worker_and_console_projects_are_found_tests_libraries_outputs_and_the_build_are_not()
    {
        Project("src/Shop.Web/Shop.Web.csproj", "Microsoft.NET.Sdk.Web");
        Project("src/Billing/BillingWorker.csproj", "Microsoft.NET.Sdk.Worker");
        Project("tools/Importer/Importer.csproj", "Microsoft.NET.Sdk",
            "<PropertyGroup><OutputType>Exe</OutputType><AssemblyName>shop-import</AssemblyName></PropertyGroup>");
        Project("src/Shop.Core/Shop.Core.csproj", "Microsoft.NET.Sdk");
        Project("tests/Shop.Tests/Shop.Tests.csproj", "Microsoft.NET.Sdk",
            Exe +
            "<ItemGroup><PackageReference Include=\"Microsoft.NET.Test.Sdk\" Version=\"17.0.0\" /></ItemGroup>");
        Project("tests/Shop.Tests.V3/Shop.Tests.V3.csproj", "Microsoft.NET.Sdk",
            Exe +
            "<ItemGroup><PackageReference Include=\"xunit.v3\" Version=\"3.0.0\" /></ItemGroup>");
        Project("src/Shop.AppHost/Shop.AppHost.csproj", "Microsoft.NET.Sdk",
            "<Sdk Name=\"Aspire.AppHost.Sdk\" Version=\"9.0.0\" />" + Exe);
        File.WriteAllText(_root / "src" / "Legacy.csproj",
            "<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">" + Exe + "</Project>");
        Project("build/_build.csproj", "Microsoft.NET.Sdk", Exe);
        Project("src/Shop.Web/bin/Debug/Copy.csproj", "Microsoft.NET.Sdk.Web");
        File.WriteAllText(_root / "src" / "Broken.csproj", "<Project");

        var found = RunnableProject.Find(_root);

        found.Select(p => (p.Name, p.Project.RelativeTo(_root), p.AssemblyName, p.IsWeb)).Should().Equal(
            ("billing-worker", "src/Billing/BillingWorker.csproj", "BillingWorker", false),
            ("legacy", "src/Legacy.csproj", "Legacy", false),
            ("shop-web", "src/Shop.Web/Shop.Web.csproj", "Shop.Web", true),
            ("importer", "tools/Importer/Importer.csproj", "shop-import", false));
    }

    [Theory]
    [InlineData("OrdersApi", "orders-api")]
    [InlineData("Orders.Api", "orders-api")]
    [InlineData("orders_api", "orders-api")]
    [InlineData("HTTPGateway", "http-gateway")]
    [InlineData("Service2Go", "service2-go")]
    [InlineData("web", "web")]
    public void A_project_name_becomes_a_dns_label(string project, string component) =>
        ComponentName.From(project).Should().Be(component);

    private const string Exe = "<PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>";

    private void Project(string relative, string sdk, string body = "")
    {
        var file = _root / relative;
        file.Parent.CreateDirectory();
        File.WriteAllText(file, $"<Project Sdk=\"{sdk}\">{body}</Project>");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
