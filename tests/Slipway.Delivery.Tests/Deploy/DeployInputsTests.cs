using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Images;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Slipway.LocalStack;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// Before any release changes, every enabled component must have an image: this run's record, or a values tag the
/// real registry holds. A placeholder tag, no tag, or a tag the registry lacks refuses the deploy naming the component.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class DeployInputsTests(LocalStackFixture stack) : IDisposable
{
    private readonly AbsolutePath _root = AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-inputs-").FullName);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Component Component(string name, string repository) => new()
    {
        Name = name, Context = _root / name, Repository = repository, Kind = ComponentKind.App,
    };

    private async Task CheckAsync(string values, IReadOnlyList<BuiltImage> images)
    {
        var chart = (_root / "chart").CreateDirectory();
        File.WriteAllText(chart / "values.yaml", "recorded:\n  enabled: true\nbroken:\n  enabled: true\n");
        File.WriteAllText(_root / "local.yaml", values);
        var release = new ReleaseDefinition("apps", chart, ComponentKind.App);
        var registry = ImageRegistry.Parse(stack.Environment.Registry);
        using var client = new RegistryClient(registry.Host);
        await DeployInputs.CheckAsync([(release, new ValuesLayers([_root / "local.yaml"], []))],
            [Component("recorded", "shop/recorded"), Component("pinned", BaseImages.RuntimeRepository),
             Component("broken", "shop/broken"), Component("off", "shop/off")],
            images, registry, _ => client, _root, default);
    }

    private static readonly BuiltImage Recorded = new()
    {
        Component = "recorded", Registry = "r", Repository = "shop/recorded", Tags = ["0123abcd"], Digest = "sha256:1",
        InputsDigest = "sha256:0", InputsTag = "inputs-0", Rebuilt = true,
    };

    private const string Good = $"pinned:\n  image:\n    tag: \"{BaseImages.RuntimeTag}\"\noff:\n  enabled: false\n";

    [Fact]
    public async Task Components_with_a_record_or_a_tag_the_registry_holds_pass()
    {
        var check = () => CheckAsync(Good + "broken:\n  image:\n    tag: \"" + BaseImages.RuntimeTag + "\"\n", [Recorded]);

        // broken names a repository the registry does not have: only a record or an existing image passes
        (await check.Should().ThrowAsync<TargetFailedException>()).Which.Message.Should()
            .Contain("broken: ").And.Contain("shop/broken:10.0").And.Contain("is not in the registry")
            .And.NotContain("recorded:").And.NotContain("pinned:").And.NotContain("off:");
        await ((Func<Task>)(() => CheckAsync(Good + "broken:\n  enabled: false\n", [Recorded]))).Should().NotThrowAsync();
    }

    [Fact]
    public async Task A_placeholder_or_a_missing_tag_is_refused_naming_the_component_the_file_and_pushimage()
    {
        var placeholder = () => CheckAsync(Good + "broken:\n  image:\n    tag: \"0000000\" # slipway:image=broken\n", []);

        var message = (await placeholder.Should().ThrowAsync<TargetFailedException>()).Which.Message;
        message.Should().StartWith("The deploy was refused before any release changed")
            .And.Contain("recorded: this run has no image for it").And.Contain("no tag")
            .And.Contain("broken: this run has no image for it").And.Contain("placeholder tag 0000000")
            .And.Contain("local.yaml").And.Contain("run PushImage").And.NotContain("pinned:");
    }
}
