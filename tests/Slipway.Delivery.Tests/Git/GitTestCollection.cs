using Xunit;

namespace Slipway.Delivery.Tests.Git;

/// <summary>Git tests run one class at a time: they count temp directories and start many git processes.</summary>
[CollectionDefinition(Name)]
public sealed class GitTestCollection
{
    public const string Name = "git";
}
