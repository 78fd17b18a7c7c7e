using FluentAssertions;
using Slipway.Delivery.GitOps;
using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

public sealed class BumpMessageTests
{
    private static TagEdit Changed(string component, string? old, string tag, string how = "marker") =>
        new(TagBump.For(component, tag), old, "", how, Changed: true);

    [Fact]
    public void The_subject_names_each_component_its_old_and_new_tag_and_the_environment()
    {
        var message = BumpMessage.For([Changed("orders-api", "1a2b3c4d", "5e6f7a8b")], "recette", skipCi: true);

        message.Should().Be("Bump orders-api 1a2b3c4d → 5e6f7a8b for recette [skip ci]\n\n" +
                            "deploy/values/components/orders-api.yaml: orders-api 1a2b3c4d → 5e6f7a8b (marker)\n");
    }

    [Fact]
    public void Several_components_and_created_values_are_named_and_skip_ci_and_environment_are_optional()
    {
        var message = BumpMessage.For([Changed("orders-api", "1a2b3c4d", "5e6f7a8b"), Changed("payments", null, "5e6f7a8b", "new file")], null, skipCi: false);

        message.Split('\n')[0].Should().Be("Bump orders-api 1a2b3c4d → 5e6f7a8b, payments (none) → 5e6f7a8b");
    }

    [Fact]
    public void An_unchanged_tag_is_reported_as_nothing_to_commit()
    {
        var edit = new TagEdit(TagBump.For("orders-api", "t1"), "t1", "", "marker", Changed: false);

        BumpMessage.AlreadyThere(edit, nothingToCommit: true).Should().Be("orders-api is already at t1 in deploy/values/components/orders-api.yaml: nothing to commit");
    }
}
