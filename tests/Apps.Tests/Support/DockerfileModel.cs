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

/// <summary>
/// .dockerignore semantics (as the Docker CLI applies them to a build context): patterns in order, '!' re-includes,
/// the last matching pattern wins, and a pattern matching a parent directory matches everything under it.
/// </summary>
public sealed class DockerIgnore(IEnumerable<string> lines)
{
    readonly List<(bool Include, Regex Pattern)> _patterns = lines
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.StartsWith('!') ? (true, l[1..].Trim()) : (false, l))
        .Select(p => (p.Item1, ToRegex(p.Item2.Trim('/'))))
        .ToList();

    public static DockerIgnore Load(string path) => new(File.ReadAllLines(path));

    /// <summary>Whether a context-relative path (with '/') is sent to the daemon.</summary>
    public bool Includes(string relativePath)
    {
        var candidates = new List<string>();
        var parts = relativePath.Split('/');
        for (var i = 1; i <= parts.Length; i++) candidates.Add(string.Join('/', parts.Take(i)));
        var excluded = false;
        foreach (var (include, pattern) in _patterns)
            if (candidates.Any(c => pattern.IsMatch(c)))
                excluded = !include;
        return !excluded;
    }

    static Regex ToRegex(string glob)
    {
        var regex = "^";
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*') { regex += ".*"; i++; }
            else if (c == '*') regex += "[^/]*";
            else if (c == '?') regex += "[^/]";
            else regex += Regex.Escape(c.ToString());
        }
        return new Regex(regex + "$");
    }
}
