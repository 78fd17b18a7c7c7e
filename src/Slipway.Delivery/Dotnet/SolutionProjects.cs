using System.Text.RegularExpressions;
using System.Xml.Linq;
using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>The projects a solution lists (.slnx or .sln), as absolute paths, in the solution's order.</summary>
public static partial class SolutionProjects
{
    public static IReadOnlyList<AbsolutePath> Read(AbsolutePath solution)
    {
        if (!File.Exists(solution))
            throw new TargetFailedException($"The solution {solution} does not exist: set IHazSolution.Solution.");
        var paths = solution.Name.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
            ? XDocument.Load(solution).Descendants("Project").Select(e => e.Attribute("Path")?.Value).OfType<string>()
            : SlnProject().Matches(File.ReadAllText(solution)).Select(m => m.Groups[1].Value);
        return paths.Where(p => p.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
            .Select(p => AbsolutePath.From(Path.GetFullPath(Path.Combine(solution.Parent, p.Replace('\\', '/')))))
            .Distinct()
            .ToList();
    }

    [GeneratedRegex("""^Project\("[^"]*"\)\s*=\s*"[^"]*",\s*"([^"]+)"[^\n]*$""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}
