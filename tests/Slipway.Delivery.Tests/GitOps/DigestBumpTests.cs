using FluentAssertions;
using Slipway.Delivery.GitOps;
using Slipway.Delivery.Values;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>
/// A bump writes the image's digest with its tag: where the file marks it, into a whole reference or a
/// <c>tag@digest</c> value, else as <c>digest</c> beside the tag (created in a block or flow mapping); a bump without
/// a digest empties a stale one. Nothing else in the file changes.
/// </summary>
public sealed class DigestBumpTests
{
    private static readonly string Old = "sha256:" + new string('a', 64);
    private static readonly string New = "sha256:" + new string('b', 64);

    [Fact]
    public void The_default_key_gets_its_digest_beside_it_created_in_the_file_s_own_indentation()
    {
        const string text = "# tags\napi:\n    image:\n        tag: \"a\"\n    replicas: 2\n";

        var edit = TagEditor.Apply(text, TagBump.For("api", "b", digest: New));

        edit.Text.Should().Be($"# tags\napi:\n    image:\n        tag: \"b\"\n        digest: {New}\n    replicas: 2\n");
        edit.OldTag.Should().Be("a");
        edit.ToString().Should().Be("api: a → b (sha256:bbbbbbbbbbbb) in deploy/values/components/api.yaml (key api.image.tag)");
    }

    [Theory]
    [InlineData("api:\n  image: {tag: a}\n", "api:\n  image: {tag: b, digest: \"NEW\"}\n")]
    [InlineData("api:\n  image: {tag: a, digest: OLD} # pinned\n", "api:\n  image: {tag: b, digest: \"NEW\"} # pinned\n")]
    public void A_digest_is_created_or_replaced_inside_a_one_line_flow_mapping(string text, string expected)
    {
        var edit = TagEditor.Apply(text.Replace("OLD", Old), TagBump.For("api", "b", digest: New));

        edit.Text.Should().Be(expected.Replace("NEW", New));
    }

    [Fact]
    public void A_marked_tag_gets_the_digest_beside_it_and_a_tag_without_digest_empties_it()
    {
        const string text = "web:\n  image:\n    tag: \"a\" # slipway:image=api\n    pullPolicy: IfNotPresent\n";

        var pinned = TagEditor.Apply(text, TagBump.For("api", "b", digest: New));
        var unpinned = TagEditor.Apply(pinned.Text, TagBump.For("api", "c"));

        pinned.Text.Should().Be(text.Replace("\"a\"", "\"b\"") + $"    digest: {New}\n");
        unpinned.Text.Should().Be(text.Replace("\"a\"", "\"c\"") + "    digest: \"\"\n",
            "the digest of b would otherwise deploy b, not c");
        unpinned.OldTag.Should().Be("b");
        ValuesDocument.Parse(unpinned.Text).Get("web.image.digest").Should().BeEmpty();
    }

    [Fact]
    public void Marked_digests_whole_references_and_tag_at_digest_values_each_get_their_part()
    {
        var text = $$"""
            api:
              tag: a # slipway:image=api
              digest: "{{Old}}" # slipway:image=api:digest
            sidecar:
              image: registry.example.com/shop/api:a@{{Old}} # {"$imagepolicy": "flux-system:api"}
            chart:
              tag: a@{{Old}} # slipway:image=api:tag@digest

            """;

        var edit = TagEditor.Apply(text, TagBump.For("api", "b", digest: New));

        edit.Text.Should().Be(text.Replace("tag: a #", "tag: b #").Replace($"\"{Old}\"", $"\"{New}\"")
            .Replace($"api:a@{Old}", $"api:b@{New}").Replace($"a@{Old} #", $"b@{New} #"));
        edit.OldTag.Should().Be("a");
    }

    [Fact]
    public void Without_a_digest_a_tag_at_digest_value_keeps_only_the_tag_and_a_reference_loses_its_digest()
    {
        var text = $"a: x@{Old} # slipway:image=api:tag@digest\nb: r/api:x@{Old} # slipway:image=api:image\n";

        var edit = TagEditor.Apply(text, TagBump.For("api", "v2"));

        edit.Text.Should().Be("a: v2 # slipway:image=api:tag@digest\nb: r/api:v2 # slipway:image=api:image\n");
    }

    [Fact]
    public void A_kustomization_entry_gets_its_digest_and_loses_it_with_a_bump_that_has_none()
    {
        const string text = "images:\n  - name: shop/api\n    newTag: a\n";
        var bump = TagBump.For("api", "b", valuesFile: "kustomization.yaml", digest: New) with
        {
            ImageNames = ["api", "shop/api"],
        };

        var pinned = TagEditor.Apply(text, bump);
        var unpinned = TagEditor.Apply(pinned.Text, bump with { Tag = "c", Digest = null });

        pinned.Text.Should().Be(text.Replace("newTag: a", "newTag: b") + $"    digest: {New}\n");
        unpinned.Text.Should().Be(text.Replace("newTag: a", "newTag: c") + "    digest: \"\"\n");
    }

    [Fact]
    public void A_key_named_otherwise_takes_the_digest_at_the_digest_key_only()
    {
        const string text = "api:\n  canaryTag: a\n  canaryDigest: \"\"\n";

        var withKey = TagEditor.Apply(text, TagBump.For("api", "b", key: "{component}.canaryTag", digest: New,
            digestKey: "{component}.canaryDigest"));
        var withoutKey = TagEditor.Apply(text, TagBump.For("api", "b", key: "{component}.canaryTag", digest: New));

        withKey.Text.Should().Be($"api:\n  canaryTag: b\n  canaryDigest: \"{New}\"\n");
        withoutKey.Text.Should().Be("api:\n  canaryTag: b\n  canaryDigest: \"\"\n");
    }

    [Fact]
    public void A_new_tag_file_holds_the_digest_and_reads_back()
    {
        var edit = TagEditor.Apply("", TagBump.For("api", "b", digest: New));

        var document = ValuesDocument.Parse(edit.Text);
        document.Get("api.image.tag").Should().Be("b");
        document.Get("api.image.digest").Should().Be(New);
    }

    [Fact]
    public void Beside_a_tag_flux_writes_only_a_digest_already_there_is_kept_in_step()
    {
        const string marker = "# {\"$imagepolicy\": \"flux-system:api:tag\"}";
        var without = $"api:\n  image:\n    tag: a {marker}\n";
        var with = $"api:\n  image:\n    tag: a {marker}\n    digest: {Old}\n";

        TagEditor.Apply(without, TagBump.For("api", "b", digest: New)).Text.Should()
            .Be(without.Replace("tag: a", "tag: b"), "Flux moves the tag alone later: a new digest would stay behind");
        TagEditor.Apply(with, TagBump.For("api", "b", digest: New)).Text.Should()
            .Be(with.Replace("tag: a", "tag: b").Replace(Old, New));
    }

    [Fact]
    public void A_digest_that_cannot_go_beside_the_tag_leaves_the_tag_written_and_says_why()
    {
        const string text = "base: &base\n  pullPolicy: Always\napi:\n  image:\n    <<: *base\n    tag: a\n";

        var edit = TagEditor.Apply(text, TagBump.For("api", "b", digest: New));

        edit.Text.Should().Be(text.Replace("tag: a", "tag: b"));
        edit.How.Should().StartWith("key api.image.tag; digest not written beside the tag: ")
            .And.Contain("merges other values");
    }

    [Fact]
    public void An_apostrophe_inside_a_plain_flow_value_is_not_a_quote()
    {
        var edit = TagEditor.Apply("api:\n  image: {note: don't, tag: a}\n", TagBump.For("api", "b", digest: New));

        edit.Text.Should().Be($"api:\n  image: {{note: don't, tag: b, digest: \"{New}\"}}\n");
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("sha512:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c")]
    public void What_is_not_a_sha256_digest_is_refused_before_anything_is_written(string digest)
    {
        var check = () => BumpArguments.Digest(digest);

        check.Should().Throw<UsageException>().WithMessage($"'{digest}' is not an image digest*");
    }
}
