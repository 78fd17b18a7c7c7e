using Slipway.Engine;

namespace Slipway.Engine.Tests;

/// <summary>Runs a test build in-process against a temporary repository root, capturing everything it prints.</summary>
public sealed class BuildHarness : IDisposable
{
    public BuildHarness()
    {
        Root = Directory.CreateTempSubdirectory("slipway-engine-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }
    public Dictionary<string, string> Environment { get; } = new() { ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "" };

    /// <summary>What a person at the terminal would type (null: no terminal).</summary>
    public string? Input { get; set; }

    public BuildRun Run<T>(params string[] args) where T : SlipwayBuild, new() => Run<T>(null, CancellationToken.None, args);

    public BuildRun Run<T>(Func<T, Target>? defaultTarget, CancellationToken interrupt, params string[] args) where T : SlipwayBuild, new()
    {
        var writer = new StringWriter();
        var settings = new BuildRunSettings
        {
            Output = TextWriter.Synchronized(writer),
            Environment = Environment,
            CurrentDirectory = Root,
            RootDirectory = Root,
            Interrupt = interrupt,
            Input = Input == null ? null : new StringReader(Input),
        };
        var exitCode = SlipwayBuild.Execute<T>(args, settings, defaultTarget is null ? [] : [defaultTarget]);
        return new BuildRun(exitCode, writer.ToString());
    }

    public void WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed record BuildRun(int ExitCode, string Output)
{
    /// <summary>The names of targets in the order their bodies ran (targets print "RAN name").</summary>
    public IReadOnlyList<string> Ran => Markers("RAN ");

    public IReadOnlyList<string> Markers(string prefix) =>
        Output.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Select(l => l.Contains("] ") && l.StartsWith('[') ? l[(l.IndexOf("] ", StringComparison.Ordinal) + 2)..] : l)
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => l[prefix.Length..].Trim())
            .ToList();

    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
