using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>
/// A .NET component's image inputs are its sources, not its publish output (which carries build times): the same
/// sources again, as a second pipeline on the same commit has them, reuse the image without publishing; a changed
/// source rebuilds it.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ProjectImageInputsTests(LocalStackFixture stack)
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <DefaultItemExcludes>$(DefaultItemExcludes);publish/**</DefaultItemExcludes>
          </PropertyGroup>
        </Project>
        """;

    private const string Dockerfile = """
        ARG BASE_REGISTRY
        FROM ${BASE_REGISTRY}/slipway-base/debian:bookworm
        COPY publish/ /app/
        """;

    [Fact]
    public async Task The_same_sources_reuse_the_image_without_publishing_and_a_changed_source_rebuilds_it()
    {
        await using var pipeline = new ImagePipeline(stack);
        using var app = new ThrowawayComponent("tiny")
            .Write("Tiny.csproj", Project).Write("Dockerfile", Dockerfile)
            .Write("Program.cs", "System.Console.WriteLine(\"v1\");\n");
        var component = app.Component with { Project = app.Context / "Tiny.csproj" };

        var first = await pipeline.ReleaseAsync(component, Commits.New());
        first.Rebuilt.Should().BeTrue();
        component.PublishDirectory.DirectoryExists.Should().BeTrue("a rebuilt image is published first");

        // a fresh checkout of the same commit: no publish output, every file written anew
        foreach (var output in new[] { "publish", "obj", "bin" }.Where(o => Directory.Exists(app.Context / o)))
            Directory.Delete(app.Context / output, recursive: true);
        File.SetLastWriteTimeUtc(app.Context / "Program.cs", DateTime.UtcNow.AddMinutes(5));
        var again = await pipeline.ReleaseAsync(component, Commits.New());
        again.Rebuilt.Should().BeFalse("its sources did not change");
        again.Digest.Should().Be(first.Digest);
        component.PublishDirectory.DirectoryExists.Should().BeFalse("an unchanged image is not published");

        app.Write("Program.cs", "System.Console.WriteLine(\"v2\");\n");
        var changed = await pipeline.ReleaseAsync(component, Commits.New());
        changed.Rebuilt.Should().BeTrue("a source changed");
        changed.Digest.Should().NotBe(first.Digest);
    }
}
