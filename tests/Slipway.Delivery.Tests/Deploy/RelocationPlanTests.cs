using System.Text.Json;
using FluentAssertions;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Images;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>The post-renderer's plan, made from Retag's record of an environment.</summary>
public sealed class RelocationPlanTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("slipway-plan-").FullName;

    [Fact]
    public void Only_relocations_into_this_target_count_and_the_plan_survives_its_file()
    {
        var file = Path.Combine(_directory, "relocation-prod.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new[]
        {
            new Relocation("r.example/shop/api:1", "client.example/acme/shop/api:1@sha256:" + new string('1', 64), Digest: "", AlreadyPresent: false, BytesCopied: 0),
            new Relocation("r.example/shop/ui:1", "client.example/bench-7/shop/ui:1@sha256:" + new string('2', 64), Digest: "", AlreadyPresent: false, BytesCopied: 0),
        }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));

        var plan = RelocationPlan.From(ImageRegistry.Parse("client.example/acme"), AbsolutePath.From(file));
        File.WriteAllText(Path.Combine(_directory, "plan.json"), plan.ToJson());
        var read = RelocationPlan.ReadFile(Path.Combine(_directory, "plan.json"));

        read.Target.Should().Be("client.example/acme");
        read.Images.Should().Equal(new Dictionary<string, string> { ["r.example/shop/api:1"] = "client.example/acme/shop/api:1@sha256:" + new string('1', 64) });
    }

    [Fact]
    public void Without_Retag_s_record_the_deploy_says_to_run_Retag()
    {
        var act = () => RelocationPlan.From(ImageRegistry.Parse("client.example/acme"), AbsolutePath.From(Path.Combine(_directory, "relocation-prod.json")));

        act.Should().Throw<TargetFailedException>().WithMessage("*run Retag*");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
