using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>The deploy report holds this run's results only: an older run's rows never come back with a new date.
/// </summary>
public sealed class DeployReportRunTests : IDisposable
{
    private readonly AbsolutePath _artifacts =
        AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-report-").FullName);
    private static readonly ReleaseDefinition[] Releases =
    [
        new("base", AbsolutePath.From("/charts/base"), ComponentKind.BaseProduct),
        new("apps", AbsolutePath.From("/charts/apps"), ComponentKind.App),
    ];

    [Fact]
    public void Releases_this_run_did_not_deploy_are_skipped_not_taken_from_an_older_run()
    {
        WriteReport("run-1", Outcome("base", "upgraded"), Outcome("apps", "upgraded"));

        var merged = DeployReport.MergeWithEarlier(_artifacts, "local", Releases, [Outcome("apps", "failed")], "run-2");

        merged.Select(o => (o.Release, o.Result)).Should().Equal(("base", "skipped"), ("apps", "failed"));
        merged[0].Error.Should().Be("not deployed by this run");
    }

    [Fact]
    public void An_earlier_target_of_the_same_run_keeps_its_row()
    {
        WriteReport("run-1", Outcome("base", "upgraded"));

        var merged = DeployReport.MergeWithEarlier(_artifacts, "local", Releases, [Outcome("apps", "unchanged")],
            "run-1");

        merged.Select(o => (o.Release, o.Result)).Should().Equal(("base", "upgraded"), ("apps", "unchanged"));
    }

    private static ReleaseOutcome Outcome(string release, string result) =>
        new() { Release = release, Namespace = "slipway-local", Result = result };

    private void WriteReport(string run, params ReleaseOutcome[] outcomes)
    {
        var releases = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject
        {
            ["release"] = o.Release, ["namespace"] = o.Namespace, ["result"] = o.Result,
        }).ToArray());
        File.WriteAllText(_artifacts / "deploy-local.json",
            new JsonObject { ["environment"] = "local", ["run"] = run, ["releases"] = releases }.ToJsonString());
    }

    public void Dispose() => Directory.Delete(_artifacts, recursive: true);
}
