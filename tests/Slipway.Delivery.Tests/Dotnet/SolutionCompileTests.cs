using FluentAssertions;
using Slipway.Delivery.Dotnet;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Dotnet;

/// <summary>
/// Compile with the real dotnet on a small solution (a library, an app referencing it, an unrelated tool): MSBuild is
/// not started when nothing changed, and a change rebuilds exactly the projects it reaches.
/// </summary>
public sealed class SolutionCompileTests : IDisposable
{
    private readonly AbsolutePath _root =
        AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-compile-").FullName);

    private AbsolutePath Records => _root / ".nuke" / "temp" / "compile";
    private SolutionCompile Compile => new(_root / "Small.slnx", "Debug", Records);

    public SolutionCompileTests()
    {
        Write("Small.slnx", """
            <Solution>
              <Project Path="lib/Lib.csproj" />
              <Project Path="app/App.csproj" />
              <Project Path="tool/Tool.csproj" />
            </Solution>
            """);
        Write("Directory.Build.props", Props("enable"));
        Write("lib/Lib.csproj", Project("Library", ""));
        Write("lib/Greeting.cs", Greeting("hi"));
        Write("app/App.csproj",
            Project("Exe", """<ItemGroup><ProjectReference Include="../lib/Lib.csproj" /></ItemGroup>"""));
        Write("app/Program.cs", "System.Console.WriteLine(Lib.Greeting.Text);\n");
        Write("tool/Tool.csproj", Project("Exe", ""));
        Write("tool/Program.cs", "System.Console.WriteLine(\"tool\");\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Nothing_changed_starts_no_MSBuild_and_a_change_builds_exactly_what_it_reaches()
    {
        (await Compile.RunAsync(default)).Should()
            .BeEquivalentTo("lib/Lib.csproj", "app/App.csproj", "tool/Tool.csproj");
        var outputs = Outputs();

        (await Compile.RunAsync(default)).Should().BeEmpty("nothing changed since the last build");
        Outputs().Should().Equal(outputs, "MSBuild did not run, so no output was written");

        Write("lib/Greeting.cs", Greeting("hello"));
        (await Compile.RunAsync(default)).Should().BeEquivalentTo(["lib/Lib.csproj", "app/App.csproj"],
            "a library's source change rebuilds it and what references it");
        Outputs()["tool"].Should().Be(outputs["tool"], "the unrelated tool was not built");
        Outputs()["lib"].Should().NotBe(outputs["lib"]);

        Write("tool/Tool.csproj", Project("Exe", "<PropertyGroup><Description>a tool</Description></PropertyGroup>"));
        (await Compile.RunAsync(default)).Should().Equal(["tool/Tool.csproj"], "a project file is one of its inputs");

        Directory.Delete(_root / "app" / "bin", recursive: true);
        (await Compile.RunAsync(default)).Should().Equal(["app/App.csproj"], "its outputs are gone");
        File.Exists(_root / "app" / "bin" / "Debug" / "net10.0" / "App.dll").Should().BeTrue();

        Write("Directory.Build.props", Props("disable"));
        (await Compile.RunAsync(default)).Should().HaveCount(3, "every project reads Directory.Build.props");
        (await Compile.RunAsync(default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_failed_build_is_not_recorded_so_the_next_run_builds_again()
    {
        await Compile.RunAsync(default);
        Write("tool/Program.cs", "this does not compile\n");
        await FluentActions.Awaiting(() => Compile.RunAsync(default)).Should().ThrowAsync<ProcessException>();
        await FluentActions.Awaiting(() => Compile.RunAsync(default)).Should().ThrowAsync<ProcessException>(
            "a failed build is not recorded as built");

        Write("tool/Program.cs", "System.Console.WriteLine(\"tool\");\n");
        (await Compile.RunAsync(default)).Should().BeEmpty("the outputs are still those built from these sources");
    }

    private static string Props(string nullable) =>
        $"<Project><PropertyGroup><Nullable>{nullable}</Nullable></PropertyGroup></Project>\n";

    private static string Greeting(string text) =>
        $"namespace Lib; public static class Greeting {{ public const string Text = \"{text}\"; }}\n";

    private static string Project(string outputType, string more) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><OutputType>{outputType}</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
          {more}
        </Project>
        """;

    private Dictionary<string, DateTime> Outputs() => new[] { "lib", "app", "tool" }.ToDictionary(p => p, p =>
        File.GetLastWriteTimeUtc(_root / p / "bin" / "Debug" / "net10.0" /
                                 $"{char.ToUpperInvariant(p[0])}{p[1..]}.dll"));

    private void Write(string path, string text)
    {
        Directory.CreateDirectory((_root / path).Parent);
        File.WriteAllText(_root / path, text);
    }
}
