namespace Slipway.Engine;

/// <summary>What the user asked for on the command line, before it is matched against the build.</summary>
public sealed class CommandLine
{
    public List<string> Targets { get; } = [];
    /// <summary>null: nothing skipped; empty: every target that was not named is skipped.</summary>
    public List<string>? Skip { get; set; }
    public bool Plan { get; set; }
    public bool Help { get; set; }
    /// <summary>null: sequential; otherwise the number of targets that may run at once.</summary>
    public int? Parallel { get; set; }
    /// <summary>The word after a --parallel that is not a number: a target, or a mistyped number.</summary>
    public string? WordAfterParallel { get; set; }
    public string? Profile { get; set; }
    public Verbosity? Verbosity { get; set; }
    public bool NoLogo { get; set; }
    /// <summary>Every other --option with its values, keyed by the option name as typed (without dashes).</summary>
    public Dictionary<string, IReadOnlyList<string>> Options { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static readonly string[] EngineOptions = ["skip", "plan", "help", "parallel", "profile", "verbosity", "no-logo", "target"];

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        var i = 0;
        while (i < args.Count && !IsOption(args[i]))
            result.Targets.Add(args[i++]);

        while (i < args.Count)
        {
            var token = args[i++];
            if (!IsOption(token))
                throw new UsageException($"Unexpected '{token}': targets come first, then --options with their values.");
            var name = token.TrimStart('-');
            var values = new List<string>();
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                values.Add(name[(equals + 1)..]);
                name = name[..equals];
            }
            else
                while (i < args.Count && !IsOption(args[i])) values.Add(args[i++]);

            switch (ParameterNames.Normalize(name))
            {
                case "skip": result.Skip = values; break;
                case "target": result.Targets.AddRange(values.SelectMany(SplitList)); break;
                case "plan": result.Plan = result.TakeFlag(values); break;
                case "help" or "h": result.Help = true; result.TakeFlag(values); break;
                case "nologo": result.NoLogo = result.TakeFlag(values); break;
                case "profile": result.Profile = result.TakeOne(name, values); break;
                case "verbosity":
                    result.Verbosity = (Verbosity)ParameterConverter.Convert("--verbosity", typeof(Verbosity), [result.TakeOne(name, values)], ".")!;
                    break;
                case "parallel":
                    if (values.Count > 0 && int.TryParse(values[0], out var n))
                    {
                        result.Parallel = n > 0 ? n : throw new UsageException($"--parallel takes a positive number of targets, got '{n}'.");
                        result.Targets.AddRange(values.Skip(1));
                    }
                    else
                    {
                        result.Parallel = Environment.ProcessorCount;
                        result.WordAfterParallel = values.FirstOrDefault();
                        result.Targets.AddRange(values);
                    }
                    break;
                default:
                    result.Options[name] = result.Options.TryGetValue(name, out var earlier) ? [.. earlier, .. values] : values;
                    break;
            }
        }
        if (result.Skip != null) result.Skip = result.Skip.SelectMany(SplitList).ToList();
        return result;
    }

    private static bool IsOption(string token) => token.StartsWith("--", StringComparison.Ordinal) || token is "-h" or "-?";

    private static IEnumerable<string> SplitList(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A flag consumes a following true/false; any other following words are targets (<c>--plan Test</c>).</summary>
    private bool TakeFlag(List<string> values)
    {
        if (values.Count > 0 && IsBoolean(values[0]))
        {
            Targets.AddRange(values.Skip(1));
            return BooleanTrue(values[0]);
        }
        Targets.AddRange(values);
        return true;
    }

    /// <summary>An option with one value: further words are targets (<c>--profile prod Deploy</c>).</summary>
    private string TakeOne(string name, List<string> values)
    {
        if (values.Count == 0) throw new UsageException($"--{name} needs a value.");
        Targets.AddRange(values.Skip(1));
        return values[0];
    }

    /// <summary>Bool parameters are only known once the build is; their trailing non-boolean words become targets.</summary>
    internal void ReleaseFlagValues(Func<string, bool> isFlagParameter)
    {
        foreach (var (name, values) in Options.ToList())
        {
            if (!isFlagParameter(name) || values.Count == 0) continue;
            var keep = IsBoolean(values[0]) ? 1 : 0;
            Targets.AddRange(values.Skip(keep));
            Options[name] = values.Take(keep).ToList();
        }
    }

    internal static bool IsBoolean(string value) => value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "1" or "0";
    private static bool BooleanTrue(string value) => value.ToLowerInvariant() is "true" or "yes" or "on" or "1";
}
