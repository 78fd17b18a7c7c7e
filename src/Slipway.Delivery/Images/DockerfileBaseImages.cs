using System.Text.RegularExpressions;

namespace Slipway.Delivery.Images;

/// <summary>The external images a Dockerfile builds FROM (build args substituted; stage names and scratch left out).</summary>
public static partial class DockerfileBaseImages
{
    public static IReadOnlyList<string> Find(string dockerfile, IReadOnlyDictionary<string, string> buildArgs)
    {
        var args = new Dictionary<string, string>(buildArgs);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = new List<string>();
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.Trim();
            if (ArgLine().Match(line) is { Success: true } arg && !args.ContainsKey(arg.Groups["name"].Value))
            {
                if (arg.Groups["value"].Success) args[arg.Groups["name"].Value] = arg.Groups["value"].Value.Trim('"');
                continue;
            }
            if (FromLine().Match(line) is not { Success: true } from) continue;
            var image = Variable().Replace(from.Groups["image"].Value, m => args.GetValueOrDefault(m.Groups["a"].Value + m.Groups["b"].Value) ?? "");
            if (from.Groups["stage"].Success) stages.Add(from.Groups["stage"].Value);
            if (image != "scratch" && !stages.Contains(image) && !images.Contains(image)) images.Add(image);
            if (from.Groups["stage"].Success) stages.Add(from.Groups["stage"].Value);
        }
        return images;
    }

    [GeneratedRegex(@"^ARG\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:=(?<value>\S*))?", RegexOptions.IgnoreCase)]
    private static partial Regex ArgLine();

    [GeneratedRegex(@"^FROM\s+(?:--platform=\S+\s+)?(?<image>\S+)(?:\s+AS\s+(?<stage>\S+))?", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"\$\{(?<a>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<b>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
