using System.Text.RegularExpressions;

namespace Slipway.Sample.Tests.Support;

/// <summary>One Dockerfile instruction (continuation lines joined, comments dropped).</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);

/// <summary>A Dockerfile read into its instructions.</summary>
public sealed class DockerfileModel
{
    public DockerfileModel(string path)
    {
        Path = path;
        var instructions = new List<DockerInstruction>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd();
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0)) continue;
            if (line.TrimStart().StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var full = (pending + line).Trim();
            pending = "";
            var space = full.IndexOf(' ');
            instructions.Add(space < 0
                ? new DockerInstruction(full.ToUpperInvariant(), "")
                : new DockerInstruction(full[..space].ToUpperInvariant(), Regex.Replace(full[(space + 1)..].Trim(), @"\s+", " ")));
        }
        Instructions = instructions;
    }

    public string Path { get; }
    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>ENV values, from both "ENV A=1 B=2" and "ENV A 1" forms.</summary>
    public IReadOnlyDictionary<string, string> Env
    {
        get
        {
            var env = new Dictionary<string, string>();
            foreach (var arguments in All("ENV"))
            {
                if (!arguments.Contains('=')) { var parts = arguments.Split(' ', 2); env[parts[0]] = parts.ElementAtOrDefault(1) ?? ""; continue; }
                foreach (Match m in Regex.Matches(arguments, @"(\w+)=(""[^""]*""|\S+)")) env[m.Groups[1].Value] = m.Groups[2].Value.Trim('"');
            }
            return env;
        }
    }
}
