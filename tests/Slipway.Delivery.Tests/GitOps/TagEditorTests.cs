using FluentAssertions;
using Slipway.Delivery.GitOps;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>Where a tag goes in a file, and that nothing but its scalar changes.</summary>
public sealed class TagEditorTests
{
    [Fact]
    public void A_marker_wins_over_the_default_key()
    {
        const string text = """
            c1:
              image:
                tag: "stale"
              sidecar:
                image: registry.example.com/shop/c1:1.0.0 # {"$imagepolicy": "flux-system:c1"}

            """;

        var edit = TagEditor.Apply(text, TagBump.For("c1", "t1"));

        edit.Text.Should().Be(text.Replace("shop/c1:1.0.0", "shop/c1:t1"));
        edit.OldTag.Should().Be("1.0.0");
        edit.How.Should().Be("marker");
    }

    [Fact]
    public void A_slipway_marker_anywhere_finds_the_tag()
    {
        const string text = "# Deployed by Argo CD\nworkloads:\n  api:\n    imageTag: '0000000'   # slipway:image=orders-api\n    replicas: 2\n";

        var edit = TagEditor.Apply(text, TagBump.For("orders-api", "5e6f7a8b"));

        edit.Text.Should().Be(text.Replace("'0000000'", "'5e6f7a8b'"));
        edit.OldTag.Should().Be("0000000");
        edit.Changed.Should().BeTrue();
    }

    [Fact]
    public void An_explicit_key_wins_over_a_marker()
    {
        const string text = "api:\n  tag: a # slipway:image=api\n  canaryTag: a\n";

        var edit = TagEditor.Apply(text, TagBump.For("api", "b", key: "{component}.canaryTag"));

        edit.Text.Should().Be("api:\n  tag: a # slipway:image=api\n  canaryTag: b\n");
        edit.How.Should().Be("key api.canaryTag");
    }

    [Fact]
    public void Without_a_marker_the_default_key_is_set_or_created_in_the_file_s_own_style()
    {
        const string existing = "orders-api:\r\n    image:\r\n        tag: \"1a2b3c4d\"\r\n";
        const string without = "# Shared settings\norders-api:\n  replicaCount: 2\n";

        var set = TagEditor.Apply(existing, TagBump.For("orders-api", "5e6f7a8b"));
        var created = TagEditor.Apply(without, TagBump.For("orders-api", "5e6f7a8b"));

        set.Text.Should().Be(existing.Replace("1a2b3c4d", "5e6f7a8b"));
        created.Text.Should().Be(without + "  image:\n    tag: 5e6f7a8b\n");
        created.OldTag.Should().BeNull();
        created.Changed.Should().BeTrue();
    }

    [Fact]
    public void An_empty_file_becomes_the_conventional_marked_tag_file()
    {
        var edit = TagEditor.Apply("", TagBump.For("orders-api", "0123abcd"));

        edit.Text.Should().Be("orders-api:\n  image:\n    tag: \"0123abcd\" # slipway:image=orders-api\n");
        ValuesDocument.Parse(edit.Text).Get("orders-api.image.tag").Should().Be("0123abcd");
    }

    [Fact]
    public void The_same_tag_changes_nothing()
    {
        var text = ValuesSamples.Marked("c1", "t1");

        var edit = TagEditor.Apply(text, TagBump.For("c1", "t1"));

        edit.Changed.Should().BeFalse();
        edit.Text.Should().BeSameAs(text);
        edit.ToString().Should().Be("c1 is already at t1 in deploy/values/components/c1.yaml");
    }

    [Fact]
    public void A_kustomization_entry_matching_the_component_s_repository_gets_the_new_tag()
    {
        var bump = TagBump.For("orders-api", "5e6f7a8b", "kustomization.yaml") with { ImageNames = ["orders-api", "shop/orders-api"] };

        var edit = TagEditor.Apply(ValuesSamples.Kustomization, bump);

        edit.Text.Should().Be(ValuesSamples.Kustomization.Replace("orders-api\n    newTag: 1a2b3c4d", "orders-api\n    newTag: 5e6f7a8b"));
        edit.OldTag.Should().Be("1a2b3c4d");
        edit.How.Should().Be("kustomize image registry.example.com/shop/orders-api");
    }

    [Fact]
    public void A_kustomization_without_the_image_gets_a_new_entry()
    {
        var edit = TagEditor.Apply(ValuesSamples.Kustomization, TagBump.For("payments", "1.0.0", "overlays/prod/kustomization.yaml"));

        edit.Text.Should().Be(ValuesSamples.Kustomization.Replace("# pinned by hand\n", "# pinned by hand\n  - name: payments\n    newTag: 1.0.0\n"));
        edit.OldTag.Should().BeNull();
    }

    [Fact]
    public void A_marker_holding_only_a_digest_is_refused_rather_than_guessed()
    {
        const string text = "api:\n  digest: sha256:00 # slipway:image=api:digest\n";

        var act = () => TagEditor.Apply(text, TagBump.For("api", "t1", "values.yaml"));

        act.Should().Throw<ValuesEditException>().WithMessage("values.yaml: the values marked for 'api' hold no tag*");
    }

    [Fact]
    public void Invalid_yaml_is_refused_with_its_location()
    {
        var act = () => TagEditor.Apply("api:\n  tag: [1, 2\n", TagBump.For("api", "t1", "values.yaml"));

        act.Should().Throw<ValuesEditException>().WithMessage("values.yaml, line *");
    }
}
