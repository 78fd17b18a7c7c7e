using FluentAssertions;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.LocalStack;

/// <summary>
/// The stack's dockerd runs containers through scripts/runc-oom-clamp.sh. Here it wraps <c>true</c> instead of runc,
/// on a bundle config as dockerd writes one, to show the one change it makes and only where the host needs it.
/// </summary>
public sealed class RuncOomClampTests : IDisposable
{
    private readonly string _bundle = Directory.CreateTempSubdirectory("slipway-bundle-").FullName;
    private static string Script => Path.Combine(RepositoryRoot.Path, "src", "Slipway.LocalStack", "scripts", "runc-oom-clamp.sh");

    public void Dispose() => Directory.Delete(_bundle, recursive: true);

    private static bool HostGrantsSysResource()
    {
        var effective = File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapEff:"))["CapEff:".Length..].Trim();
        return ((Convert.ToUInt64(effective, 16) >> 24) & 1) == 1;
    }

    private async Task<string> CreateAsync(string config)
    {
        File.WriteAllText(Path.Combine(_bundle, "config.json"), config);
        await ProcessRunner.RunAsync(Script, ["--root", "/run/x", "create", "--bundle", _bundle, "--pid-file", "p", "abc"],
            new ProcessOptions { LogOutput = false, Environment = new Dictionary<string, string?> { ["SLIPWAY_RUNC"] = "true" } });
        return File.ReadAllText(Path.Combine(_bundle, "config.json"));
    }

    [Fact]
    public async Task A_negative_oom_score_adj_is_raised_to_the_callers_own_only_where_the_host_forbids_it()
    {
        const string config = """{"ociVersion":"1.0.2","process":{"args":["/pause"],"oomScoreAdj":-998},"root":{"path":"rootfs"}}""";

        var written = await CreateAsync(config);

        var own = File.ReadAllText("/proc/self/oom_score_adj").Trim();
        if (HostGrantsSysResource())
            written.Should().Be(config, "runc can lower it here: nothing is changed");
        else
            written.Should().Be(config.Replace("\"oomScoreAdj\":-998", $"\"oomScoreAdj\":{own}"),
                "only the score changes, to the lowest this host lets a process without CAP_SYS_RESOURCE ask");
    }

    [Fact]
    public async Task A_score_the_host_allows_is_left_as_it_is()
    {
        const string config = """{"process":{"args":["/app"],"oomScoreAdj":1000}}""";

        (await CreateAsync(config)).Should().Be(config);
    }
}
