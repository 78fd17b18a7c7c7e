using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>Tests that run <c>./build.sh</c> go one class at a time: twelve .NET processes at once are enough for a machine.</summary>
[CollectionDefinition(Name)]
public sealed class BuildScriptCollection : ICollectionFixture<CompiledBuild>
{
    public const string Name = "build.sh";
}
