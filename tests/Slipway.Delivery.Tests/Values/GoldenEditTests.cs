using FluentAssertions;
using Slipway.Delivery.Values;
using Xunit;

namespace Slipway.Delivery.Tests.Values;

/// <summary>Each case edits a corpus file on disk and must produce its golden output byte for byte.</summary>
public sealed class GoldenEditTests
{
    private sealed record GoldenCase(string Input, string Expected, Func<ValuesDocument, ValuesEdit> Edit);

    private static readonly Dictionary<string, GoldenCase> Cases = new()
    {
        ["bitnami tag"] = new("bitnami-values.yaml", "bitnami-values.expected.yaml", d => d.Set("image.tag", "1.27.4-debian-12-r0")),
        ["bitnami empty digest"] = new("bitnami-values.yaml", "bitnami-values.digest.expected.yaml",
            d => d.Set("image.digest", "sha256:4b7ce07a2c5f3ba5b2e0e7bba0e1b9f2a2e0c5f9a1bd4a6e0e6b6fd9c4c0fe11")),
        ["bitnami created key"] = new("bitnami-values.yaml", "bitnami-values.created.expected.yaml", d => d.Set("image.sbom.attached", "true")),
        ["single-quoted"] = new("quoted-scalars.yaml", "quoted-scalars.single.expected.yaml", d => d.Set("single", "that's it")),
        ["double-quoted"] = new("quoted-scalars.yaml", "quoted-scalars.double.expected.yaml", d => d.Set("double", "a \"b\" \\ c")),
        ["plain string becoming digits"] = new("quoted-scalars.yaml", "quoted-scalars.numeric-sha.expected.yaml", d => d.Set("nested.sha", "1234567")),
        ["plain needing quotes"] = new("quoted-scalars.yaml", "quoted-scalars.needs-quotes.expected.yaml", d => d.Set("plain", "key: value # not a comment")),
        ["multi-line plain"] = new("quoted-scalars.yaml", "quoted-scalars.folded-plain.expected.yaml", d => d.Set("description", "one line now")),
        ["multi-line double-quoted"] = new("quoted-scalars.yaml", "quoted-scalars.multiline.expected.yaml", d => d.Set("nested.multiline", "joined")),
        ["list of maps"] = new("lists-of-maps.yaml", "lists-of-maps.expected.yaml", d => d.Set("containers[1].image", "registry.example.com/shop/worker:1.5.0")),
        ["inside flow collections"] = new("lists-of-maps.yaml", "lists-of-maps.flow.expected.yaml",
            d => d.Set("containers[1].args[2]", "--concurrency=8").ToDocument().Set("containers[1].resources.limits.memory", "512Mi")),
        ["created in a sequence item"] = new("lists-of-maps.yaml", "lists-of-maps.created.expected.yaml", d => d.Set("sidecars[0].imagePullPolicy", "Always")),
        ["unreferenced anchor"] = new("anchors.yaml", "anchors.expected.yaml", d => d.Set("worker.tag", "2.4.0")),
        ["local key beside a merge"] = new("anchors.yaml", "anchors.api.expected.yaml", d => d.Set("api.tag", "2.4.0")),
        ["CRLF"] = new("crlf.yaml", "crlf.expected.yaml", d => d.Set("image.tag", "1.0.1")),
        ["CRLF created, 4-space indent"] = new("crlf.yaml", "crlf.created.expected.yaml", d => d.Set("service.annotations.team", "shop")),
        ["BOM and markers"] = new("bom.yaml", "bom.expected.yaml", d => d.SetMarked("api", new ImageUpdate(Tag: "v1.1.0", Digest: "sha256:1111"))),
        ["second document"] = new("multi-doc.yaml", "multi-doc.expected.yaml", d => d.Set("metadata.labels.\"app.kubernetes.io/version\"", "1.5.0", document: 1)),
        ["Flux marker in a later document"] = new("multi-doc.yaml", "multi-doc.marker.expected.yaml", d => d.SetMarked("flux-system:shop-api", "1.5.0", MarkerPart.Tag)),
        ["kustomize tag"] = new("kustomization.yaml", "kustomization.expected.yaml", d => KustomizeImages.Set(d, "shop/api", new KustomizeImageUpdate(NewTag: "1.5.0"))),
        ["kustomize new field"] = new("kustomization.yaml", "kustomization.new-field.expected.yaml", d => KustomizeImages.Set(d, "shop/worker", new KustomizeImageUpdate(NewTag: "1.5.0"))),
        ["kustomize new entry"] = new("kustomization.yaml", "kustomization.new-entry.expected.yaml", d => KustomizeImages.Set(d, "shop/ui", new KustomizeImageUpdate(NewTag: "0.9.0"))),
        ["kustomize new images list"] = new("kustomization-without-images.yaml", "kustomization-without-images.expected.yaml",
            d => KustomizeImages.Set(d, "shop/api", new KustomizeImageUpdate(NewTag: "1.5.0"))),
        ["Slipway markers"] = new("component-values.yaml", "component-values.expected.yaml",
            d => d.SetMarked("api", new ImageUpdate(Tag: "1.5.0", Digest: "sha256:abc123"))),
        ["Flux tag marker"] = new("component-values.yaml", "component-values.worker.expected.yaml", d => d.SetMarked("worker", "1.5.0", MarkerPart.Tag)),
        ["comments only"] = new("comments-only.yaml", "comments-only.expected.yaml", d => d.Set("api.image.tag", "1.0.0")),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_edited_file_matches_its_golden_output_byte_for_byte(string name)
    {
        var golden = Cases[name];
        using var scratch = new ScratchDirectory();
        var file = scratch.Copy(golden.Input);

        var edit = ValuesFile.Edit(file, golden.Edit);

        edit.Changed.Should().BeTrue();
        File.ReadAllBytes(file).Should().Equal(Corpus.Bytes(golden.Expected), $"{golden.Input} edited must equal {golden.Expected}");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Making_the_same_edit_again_changes_nothing(string name)
    {
        var golden = Cases[name];
        using var scratch = new ScratchDirectory();
        var file = scratch.Copy(golden.Expected);
        var written = File.GetLastWriteTimeUtc(file);
        File.SetLastWriteTimeUtc(file, written.AddHours(-1));

        var edit = ValuesFile.Edit(file, golden.Edit);

        edit.Changed.Should().BeFalse(edit.ToString());
        edit.Changes.Should().NotBeEmpty().And.OnlyContain(c => !c.Changed);
        File.ReadAllBytes(file).Should().Equal(Corpus.Bytes(golden.Expected));
        File.GetLastWriteTimeUtc(file).Should().Be(written.AddHours(-1), "an unchanged file is not written");
    }

    [Fact]
    public void The_result_reports_the_old_and_new_value()
    {
        var edit = ValuesDocument.Parse(File.ReadAllText(Corpus.PathOf("bitnami-values.yaml")), "values.yaml").Set("image.tag", "1.28.0");

        edit.OldValue.Should().Be("1.27.3-debian-12-r2");
        edit.NewValue.Should().Be("1.28.0");
        edit.ToString().Should().Be("values.yaml: image.tag: 1.27.3-debian-12-r2 -> 1.28.0");
    }

    [Fact]
    public void An_edit_already_in_place_reports_the_current_value()
    {
        var edit = ValuesDocument.Parse("image:\n  tag: 1.2.3\n", "values.yaml").Set("image.tag", "1.2.3");

        edit.Changed.Should().BeFalse();
        edit.OldValue.Should().Be("1.2.3");
        edit.ToString().Should().Be("values.yaml: image.tag is already 1.2.3");
    }
}
