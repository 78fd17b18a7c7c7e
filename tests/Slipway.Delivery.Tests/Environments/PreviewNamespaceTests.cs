using FluentAssertions;
using Slipway.Delivery.Environments;
using Xunit;

namespace Slipway.Delivery.Tests.Environments;

public sealed class PreviewNamespaceTests
{
    [Theory]
    [InlineData("feature/JIRA-142-new-pricing")]
    [InlineData("bug/fix_the__thing")]
    [InlineData("epic/ÉTÉ-2026 big one")]
    [InlineData("feature/" + "a-very-long-branch-name-that-goes-on-and-on-well-past-the-sixty-three-character-limit")]
    [InlineData("feature/---")]
    public void Every_branch_gets_a_valid_dns_label(string branch)
    {
        var name = PreviewNamespace.For(branch);

        PreviewNamespace.IsValid(name).Should().BeTrue(name);
        name.Length.Should().BeLessThanOrEqualTo(63);
        name.Should().StartWith("preview-");
    }

    [Fact]
    public void Readable_names_stay_readable()
    {
        PreviewNamespace.For("feature/jira-142-new-pricing").Should().Be("preview-feature-jira-142-new-pricing");
        PreviewNamespace.For("feature/JIRA-142-new-pricing").Should().StartWith("preview-feature-jira-142-new-pricing-");
    }

    [Fact]
    public void Branches_that_differ_only_past_the_cut_or_in_case_do_not_collide()
    {
        var prefix = "feature/" + new string('x', 70);
        PreviewNamespace.For(prefix + "-one").Should().NotBe(PreviewNamespace.For(prefix + "-two"));
        PreviewNamespace.For("feature/ABC").Should().NotBe(PreviewNamespace.For("feature/abc"));
        PreviewNamespace.For("feature/a_b").Should().NotBe(PreviewNamespace.For("feature/a-b"));
    }
}
