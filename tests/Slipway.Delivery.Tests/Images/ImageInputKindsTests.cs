using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Images;

/// <summary>
/// Each kind of input a .NET component's image is made from, changed in turn in a small repository of two apps
/// (<c>a</c> references a library, <c>b</c> does not; a Directory.Build.props above both): exactly the images the
/// change reaches are rebuilt, and the others are neither rebuilt nor published.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ImageInputKindsTests(LocalStackFixture stack) : IAsyncLifetime
{
    private const string Properties = """
        <Project>
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <DefaultItemExcludes>$(DefaultItemExcludes);publish/**</DefaultItemExcludes>
          </PropertyGroup>
        </Project>
        """;

    private readonly AbsolutePath _root =
        AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-input-kinds-").FullName);
    private readonly string _fromA = "tests/" + Guid.NewGuid().ToString("N")[..12] + "/from-a";

    [Fact]
    public async Task Each_kind_of_input_rebuilds_exactly_the_images_it_reaches()
    {
        await using var pipeline = new ImagePipeline(stack);
        await MoveBaseImageOfA("debian", "bookworm");
        Write("Directory.Build.props", Properties);
        Write("lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        Write("lib/Greeting.cs", "public static class Greeting { public const string Text = \"hello\"; }\n");
        Write("a/A.csproj", Project("<ProjectReference Include=\"../lib/Lib.csproj\" />"));
        Write("a/Program.cs", "System.Console.WriteLine(Greeting.Text);\n");
        Write("a/Dockerfile", $"ARG BASE_REGISTRY\nFROM ${{BASE_REGISTRY}}/{_fromA}:1\nCOPY publish/ /app/\n");
        Write("b/B.csproj", Project(""));
        Write("b/Program.cs", "System.Console.WriteLine(\"b\");\n");
        Write("b/Dockerfile",
            "ARG BASE_REGISTRY\nFROM ${BASE_REGISTRY}/slipway-base/debian:bookworm\nCOPY publish/ /app/\n");
        (await RebuiltAsync(pipeline)).Should().Equal(["a", "b"], "the first build makes both");
        (await RebuiltAsync(pipeline)).Should().BeEmpty("nothing changed");

        Write("a/Program.cs", "System.Console.WriteLine(Greeting.Text + \"!\");\n");
        (await RebuiltAsync(pipeline)).Should().Equal(["a"], "a source file of a");

        Write("lib/Greeting.cs", "public static class Greeting { public const string Text = \"hi\"; }\n");
        (await RebuiltAsync(pipeline)).Should().Equal(["a"], "a source file of the library only a references");

        Write("b/B.csproj", Project("", "<AssemblyTitle>B</AssemblyTitle>"));
        (await RebuiltAsync(pipeline)).Should().Equal(["b"], "the project file of b");

        Write("Directory.Build.props", Properties.Replace("</TargetFramework>",
            "</TargetFramework><Deterministic>true</Deterministic>"));
        (await RebuiltAsync(pipeline)).Should().Equal(["a", "b"], "Directory.Build.props above both");

        Write("b/Dockerfile", File.ReadAllText(_root / "b" / "Dockerfile") + "LABEL edited=yes\n");
        (await RebuiltAsync(pipeline)).Should().Equal(["b"], "the Dockerfile of b");

        await MoveBaseImageOfA("dotnet-runtime", "10.0");
        (await RebuiltAsync(pipeline)).Should().Equal(["a"], "the image a builds FROM now has other content");

        (await RebuiltAsync(pipeline)).Should().BeEmpty("nothing changed since");
    }

    private static string Project(string references, string properties = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><OutputType>Exe</OutputType>{properties}</PropertyGroup>
          <ItemGroup>{references}</ItemGroup>
        </Project>
        """;

    /// <summary>
    /// Builds both images as DockerBuild and PushImage do, from no publish output; returns those rebuilt, and checks
    /// that only they were published.
    /// </summary>
    private async Task<string[]> RebuiltAsync(ImagePipeline pipeline)
    {
        var components = new[] { Component("a", "A.csproj"), Component("b", "B.csproj") };
        foreach (var component in components.Where(c => c.PublishDirectory.DirectoryExists))
            Directory.Delete(component.PublishDirectory, recursive: true);
        var rebuilt = new List<string>();
        foreach (var component in components)
        {
            var image = await pipeline.ReleaseAsync(component, Commits.New());
            component.PublishDirectory.DirectoryExists.Should().Be(image.Rebuilt, $"{component.Name} is published " +
                "exactly when its image is rebuilt");
            if (image.Rebuilt) rebuilt.Add(component.Name);
        }
        return [.. rebuilt];
    }

    private Component Component(string name, string project) => new()
    {
        Name = name, Context = _root / name, Project = _root / name / project, Repository = name,
    };

    /// <summary>Points the tag a's Dockerfile builds FROM at one of the stack's base images, in the registry.</summary>
    private async Task MoveBaseImageOfA(string repository, string tag)
    {
        var source = $"{stack.Environment.Registry}/slipway-base/{repository}";
        await stack.Docker.PullAsync(source, tag, credentials: null);
        await stack.Docker.TagAsync($"{source}:{tag}", $"{stack.Environment.Registry}/{_fromA}", "1");
        (await stack.Docker.PushAsync($"{stack.Environment.Registry}/{_fromA}", "1", credentials: null))
            .Should().NotBeNull();
    }

    private void Write(string relativePath, string content)
    {
        var file = _root / relativePath;
        Directory.CreateDirectory(file.Parent);
        File.WriteAllText(file, content);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await stack.Docker.RemoveImageAsync($"{stack.Environment.Registry}/{_fromA}:1");
        Directory.Delete(_root, recursive: true);
    }
}
