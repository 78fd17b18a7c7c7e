using FluentAssertions;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>A branch's preview namespace, listed by ListPreviews and removed by DestroyPreview (the real targets).</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class PreviewTests(LocalStackFixture stack)
{
    [Fact]
    public async Task A_preview_namespace_is_listed_then_destroyed_with_its_releases()
    {
        var branch = $"feature/TEST-{Guid.NewGuid().ToString("N")[..6]}-preview";
        var ns = PreviewNamespace.For(branch);
        await stack.Kubernetes.EnsureNamespaceAsync(ns,
            new Dictionary<string, string> { ["slipway.io/preview"] = "true", ["slipway.io/environment"] = "preview" },
            new Dictionary<string, string> { ["slipway.io/branch"] = branch });
        var chart = TestChart.Write(Directory.CreateTempSubdirectory("slipway-preview-chart-").FullName);
        var helm = stack.Helm;
        await helm.UpgradeAsync(new HelmUpgrade { Release = "apps", Chart = chart, Namespace = ns, Set = [new("image", stack.BaseImage)], Timeout = TimeSpan.FromSeconds(60) });

        var list = await BuildCommand.RunAsync("ListPreviews", "--cluster", "local");
        list.ExitCode.Should().Be(0, list.StandardOutput);
        list.StandardOutput.Should().Contain(ns[..Math.Min(ns.Length, 40)]).And.Contain(branch[..20]);

        // the report a deploy of this preview wrote (artifacts/deploy-<environment>.json names its namespace)
        var artifacts = Path.Combine(RepositoryRoot.Path, "artifacts");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "deploy-preview.json"), $$"""{ "namespace": "{{ns}}", "releases": [] }""");
        File.WriteAllText(Path.Combine(artifacts, "deploy-preview.md"), $"# Deploy to preview\n\nnamespace `{ns}`\n");

        var destroy = await BuildCommand.RunAsync("DestroyPreview", "--env", "preview", "--preview-branch", branch, "--cluster", "local");

        destroy.ExitCode.Should().Be(0, destroy.StandardOutput);
        File.Exists(Path.Combine(artifacts, "deploy-preview.json")).Should().BeFalse("a destroyed preview's report goes");
        File.Exists(Path.Combine(artifacts, "deploy-preview.md")).Should().BeFalse();
        destroy.StandardOutput.Should().Contain("uninstalled apps").And.Contain("destroyed");
        (await stack.Kubernetes.TryGetAsync(KubernetesResources.Namespace(ns))).Should().BeNull();
        var again = await BuildCommand.RunAsync("DestroyPreview", "--env", "preview", "--preview-branch", branch, "--cluster", "local");
        again.ExitCode.Should().Be(0);
        again.StandardOutput.Should().Contain("does not exist: nothing to destroy");
        Directory.Delete(chart, recursive: true);
    }
}
