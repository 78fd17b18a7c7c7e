using FluentAssertions;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Values;

public sealed class MarkerTests
{
    private const string Marked = """
        api:
          image: registry.example.com/shop/api:1.0 # {"$imagepolicy": "flux-system:api"}
          name: registry.example.com/shop/api # {"$imagepolicy": "flux-system:api:name"}
          tag: "1.0" # {"$imagepolicy": "flux-system:api:tag"}
          digest: "" # {"$imagepolicy":"flux-system:api:digest"}
        worker:
          tag: 1.0 # slipway:image=worker
          digest: sha256:00 # slipway:image=worker:digest
          repository: shop/worker # slipway:image=worker:name
          full: shop/worker:1.0@sha256:00 # slipway:image=worker:image
          other: 1.0 # slipway:image=worker-extra
          notes: "# slipway:image=worker" # only a comment counts
        sidecars:
          - envoy:1.0 # slipway:image=envoy
        """;

    [Fact]
    public void Finds_every_marked_scalar_and_the_part_it_holds()
    {
        var found = ValuesDocument.Parse(Marked).FindMarked();

        found.Select(m => $"{m.Component} {m.Part} {m.Path} line {m.Line} = {m.Value}").Should().Equal(
            "api Image api.image line 2 = registry.example.com/shop/api:1.0",
            "api Name api.name line 3 = registry.example.com/shop/api",
            "api Tag api.tag line 4 = 1.0",
            "api Digest api.digest line 5 = ",
            "worker Tag worker.tag line 7 = 1.0",
            "worker Digest worker.digest line 8 = sha256:00",
            "worker Name worker.repository line 9 = shop/worker",
            "worker Image worker.full line 10 = shop/worker:1.0@sha256:00",
            "worker-extra Tag worker.other line 11 = 1.0",
            "envoy Tag sidecars[0] line 14 = envoy:1.0");
    }

    [Theory]
    [InlineData("api", 4)]
    [InlineData("flux-system:api", 4)]
    [InlineData("other-namespace:api", 0)]
    [InlineData("worker", 4)]
    [InlineData("flux-system:worker", 0)]
    public void Finds_a_component_by_name_or_flux_policy_reference(string component, int count)
    {
        ValuesDocument.Parse(Marked).FindMarked(component).Should().HaveCount(count);
    }

    [Fact]
    public void A_tag_update_sets_tag_markers_and_the_tag_inside_whole_references()
    {
        var edit = ValuesDocument.Parse(Marked).SetMarked("worker", "1.1", MarkerPart.Tag);

        edit.Changes.Select(c => c.ToString()).Should().Equal("worker.tag: 1.0 -> 1.1", "worker.full: shop/worker:1.0@sha256:00 -> shop/worker:1.1");
        edit.Text.Should().Be(Marked
            .Replace("  tag: 1.0 # slipway:image=worker", "  tag: 1.1 # slipway:image=worker")
            .Replace("full: shop/worker:1.0@sha256:00 #", "full: shop/worker:1.1 #"));
    }

    [Fact]
    public void A_full_update_sets_every_part()
    {
        var edit = ValuesDocument.Parse(Marked).SetMarked("flux-system:api", new ImageUpdate("registry.example.com/shop/api2", "2.0", "sha256:ff"));

        var reread = edit.ToDocument();
        reread.Get("api.image").Should().Be("registry.example.com/shop/api2:2.0@sha256:ff");
        reread.Get("api.name").Should().Be("registry.example.com/shop/api2");
        reread.Get("api.tag").Should().Be("2.0");
        reread.Get("api.digest").Should().Be("sha256:ff");
        edit.Text.Should().Contain("  tag: \"2.0\" # {\"$imagepolicy\": \"flux-system:api:tag\"}\n");
    }

    [Fact]
    public void A_marked_value_already_right_is_reported_unchanged()
    {
        var edit = ValuesDocument.Parse(Marked).SetMarked("envoy", "1.0", MarkerPart.Tag);

        edit.Changed.Should().BeTrue("the sidecar item holds a whole reference marked as a tag, which is replaced whole");
        var again = ValuesDocument.Parse("tag: 1.0 # slipway:image=envoy\n").SetMarked("envoy", "1.0", MarkerPart.Tag);
        again.Changed.Should().BeFalse();
        again.ToString().Should().Be("YAML text: tag is already 1.0");
    }

    [Theory]
    [InlineData("registry:5000/team/app:1.2@sha256:ab", "registry:5000/team/app", "1.2", "sha256:ab")]
    [InlineData("registry:5000/team/app", "registry:5000/team/app", null, null)]
    [InlineData("app@sha256:ab", "app", null, "sha256:ab")]
    [InlineData("nginx:1.27", "nginx", "1.27", null)]
    public void Image_references_split_into_name_tag_and_digest(string text, string name, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        reference.Should().Be(new ImageReference(name, tag, digest));
        reference.ToString().Should().Be(text);
    }
}
