using Spectre.Console;

namespace Slipway.Engine;

/// <summary>--help: targets with descriptions and direct dependencies, parameters with type, value and variable names.</summary>
internal static class HelpPrinter
{
    public static void Print(BuildOutput output, SlipwayBuild build, IReadOnlyList<ExecutableTarget> targets,
        IReadOnlyList<ParameterMember> parameters, IReadOnlyList<ExecutableTarget> defaults)
    {
        output.Write(LogLevel.Information, "Usage: ./build.sh [targets…] [--skip [targets…]] [--plan] [--help] [--parallel [N]] [--profile P]\n" +
                                           "                  [--verbosity quiet|normal|verbose] [--no-logo] [--<parameter> <value>…]\n");
        var targetTable = new Table().Border(TableBorder.Simple).Title("[bold]Targets[/] (* = default)")
            .AddColumn("Target").AddColumn("Description").AddColumn("Depends on");
        foreach (var target in targets.Where(t => t.Listed))
            targetTable.AddRow(
                Markup.Escape(target.Name + (defaults.Contains(target) ? " *" : "")),
                Markup.Escape(target.Description ?? ""),
                Markup.Escape(string.Join(", ", ListedDependencies(target, []))));
        output.Render(targetTable);

        var parameterTable = new Table().Border(TableBorder.Simple).Title("[bold]Parameters[/]")
            .AddColumn("Option").AddColumn("Type").AddColumn("Value").AddColumn("Environment variable").AddColumn("Description");
        foreach (var parameter in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            parameterTable.AddRow(
                Markup.Escape(parameter.CliName),
                Markup.Escape(ParameterConverter.Describe(parameter.Type)),
                Markup.Escape(ValueText(build, parameter)),
                Markup.Escape(parameter.Variables switch
                {
                    ParameterVariables.Any => $"{parameter.EnvironmentName}, {ParameterNames.EnvironmentPrefix}{parameter.EnvironmentName}",
                    ParameterVariables.PrefixedOnly => $"{ParameterNames.EnvironmentPrefix}{parameter.EnvironmentName}",
                    _ => "(command line or parameters file)",
                }),
                Markup.Escape((parameter.Description ?? "") + (parameter.IsSecret ? " (secret: masked in all output)" : "")));
        output.Render(parameterTable);

        output.Write(LogLevel.Information,
            "Parameter values come from, highest first: the command line, SLIPWAY_<NAME> then <NAME> environment variables,\n" +
            ".nuke/parameters.<profile>.json (with --profile), then .nuke/parameters.json.");
    }

    private static string ValueText(SlipwayBuild build, ParameterMember parameter)
    {
        object? value;
        try { value = parameter.Read(build); }
        catch (Exception) { return "?"; }
        if (value == null) return "";
        if (parameter.IsSecret) return SecretMasker.Mask;
        var text = value is System.Collections.IEnumerable list and not string
            ? string.Join(',', list.Cast<object>())
            : value.ToString() ?? "";
        var source = build.Parameters.SourceOf(parameter.Name);
        return source != null ? $"{text} (from {source})" : text;
    }

    /// <summary>Direct dependencies, an unlisted one replaced by the listed targets behind it (help does not name it).</summary>
    private static IEnumerable<string> ListedDependencies(ExecutableTarget target, HashSet<ExecutableTarget> seen) =>
        target.Dependencies.Where(seen.Add)
            .SelectMany(d => d.Listed ? [d.Name] : ListedDependencies(d, seen))
            .ToList();
}
