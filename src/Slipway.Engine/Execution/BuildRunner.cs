using System.Diagnostics;

namespace Slipway.Engine;

/// <summary>One run: command line → parameters → targets → plan → execution → summary, mapped to an exit code.</summary>
internal sealed class BuildRunner<T>(BuildRunSettings settings, Func<T, Target>[] defaultTargets) where T : SlipwayBuild, new()
{
    private readonly SecretMasker _masker = new();

    public int Run(string[] args)
    {
        var host = CiHostDetection.Detect(settings.Environment.GetValueOrDefault);
        var output = new BuildOutput(settings.Output, _masker, Verbosity.Normal, host, settings.InteractiveTerminal);
        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args);
        }
        catch (UsageException e)
        {
            output.Write(LogLevel.Error, e.Message);
            return ExitCodes.Usage;
        }
        var verbosity = commandLine.Verbosity ?? VerbosityFromEnvironment();
        output = new BuildOutput(settings.Output, _masker, verbosity, host, settings.InteractiveTerminal);
        using var _ = BuildOutput.Use(output);
        try
        {
            return Run(commandLine, output, host);
        }
        catch (UsageException e)
        {
            output.Write(LogLevel.Error, e.Message);
            return ExitCodes.Usage;
        }
        catch (BuildDefinitionException e)
        {
            output.Write(LogLevel.Error, e.Message);
            return ExitCodes.Definition;
        }
    }

    private int Run(CommandLine commandLine, BuildOutput output, CiHost host)
    {
        var stopwatch = Stopwatch.StartNew();
        if (!commandLine.NoLogo && !commandLine.Help && output.Verbosity > Verbosity.Quiet)
            output.Write(LogLevel.Information, "Slipway — build and deliver\n");

        var root = settings.RootDirectory != null ? AbsolutePath.From(settings.RootDirectory) : RootDirectoryLocator.Locate(settings.CurrentDirectory);
        var build = new T
        {
            RootDirectory = root, Host = host, EnvironmentVariables = settings.Environment, Verbosity = output.Verbosity,
            Input = settings.Input,
        };

        var parameterMembers = ParameterDiscovery.Discover(typeof(T));
        RefuseUnknownOptions(commandLine, parameterMembers);
        commandLine.ReleaseFlagValues(option => parameterMembers.Any(p => p.IsFlag && p.Key == ParameterNames.Normalize(option)));
        build.Parameters = new ParameterStore(parameterMembers);
        var raw = ParameterSources.Collect(parameterMembers, commandLine.Options, settings.Environment, root, commandLine.Profile, settings.CurrentDirectory);
        build.Parameters.Load(raw, _masker, build);

        var targets = TargetDiscovery.Discover(build);
        if (settings.WriteIdeFiles) IdeFiles.Update(root, targets, parameterMembers);

        if (commandLine.Help)
        {
            HelpPrinter.Print(output, build, targets, parameterMembers, DefaultTargets(build, targets));
            return ExitCodes.Success;
        }

        if (commandLine.WordAfterParallel is { } word && !targets.Any(t => ParameterNames.Normalize(t.Name) ==
                ParameterNames.Normalize(word)))
            throw new UsageException($"--parallel takes the number of targets to run at once (or nothing: as many as " +
                                     $"cores), then targets; '{word}' is neither a number nor a target.");
        var invoked = commandLine.Targets.Count > 0 ? Resolve(commandLine.Targets, targets) : DefaultTargets(build, targets);
        if (invoked.Count == 0)
            throw new UsageException("No target was named and the build has no default target. Run with --help to list targets.");
        var plan = ExecutionPlanner.Plan(targets, invoked);
        plan.PlanOnly = commandLine.Plan;
        build.Plan = plan;
        ApplySkips(plan, commandLine.Skip, targets);
        ApplyStaticConditions(plan);
        Requirements.Check(plan, parameterMembers, settings.Environment);

        if (commandLine.Plan)
        {
            PlanWriter.Print(output, plan);
            PlanWriter.WriteFiles(root, plan, targets);
            return ExitCodes.Success;
        }

        var degree = commandLine.Parallel ?? 1;
        output.PrefixLines = degree > 1;
        try
        {
            new TargetScheduler(plan, output, degree, settings.Interrupt).RunAsync().GetAwaiter().GetResult();
        }
        finally
        {
            build.RunValues.ReleaseHeldAsync().GetAwaiter().GetResult();
        }

        var succeeded = plan.Targets.All(t => t.Status is TargetStatus.Succeeded or TargetStatus.Skipped);
        output.Write(LogLevel.Information, "");
        SummaryTable.Render(output, plan, stopwatch.Elapsed, succeeded);
        if (settings.Interrupt.IsCancellationRequested)
        {
            output.Write(LogLevel.Error, "Interrupted.");
            return ExitCodes.Interrupted;
        }
        if (!succeeded)
        {
            var failed = plan.Targets.Where(t => t.Status is TargetStatus.Failed).Select(t => t.Name);
            output.Write(LogLevel.Error, $"Build failed: {string.Join(", ", failed)}.");
            return ExitCodes.Failed;
        }
        output.Write(LogLevel.Success, "Build succeeded.");
        return ExitCodes.Success;
    }

    private Verbosity VerbosityFromEnvironment()
    {
        var text = settings.Environment.GetValueOrDefault(ParameterNames.EnvironmentPrefix + "VERBOSITY");
        return text != null && Enum.TryParse<Verbosity>(text, ignoreCase: true, out var parsed) ? parsed : Verbosity.Normal;
    }

    private List<ExecutableTarget> DefaultTargets(T build, IReadOnlyList<ExecutableTarget> targets) =>
        defaultTargets.Select(select => select(build))
            .Select(factory => targets.First(t => t.Factory.Equals(factory)))
            .ToList();

    private static List<ExecutableTarget> Resolve(IEnumerable<string> names, IReadOnlyList<ExecutableTarget> targets) =>
        names.Select(name => targets.FirstOrDefault(t => ParameterNames.Normalize(t.Name) == ParameterNames.Normalize(name))
                ?? throw new UsageException($"Unknown target '{name}'.{Suggestions.DidYouMean(name, targets.Select(t => t.Name))} " +
                                            "Run with --help to list targets."))
            .Distinct()
            .ToList();

    private static void RefuseUnknownOptions(CommandLine commandLine, IReadOnlyList<ParameterMember> parameters)
    {
        foreach (var option in commandLine.Options.Keys)
        {
            if (parameters.Any(p => p.Key == ParameterNames.Normalize(option))) continue;
            var candidates = parameters.Select(p => p.CliName).Concat(CommandLine.EngineOptions.Select(o => "--" + o));
            throw new UsageException($"Unknown option '--{option}'.{Suggestions.DidYouMean("--" + option, candidates)} Run with --help to list parameters.");
        }
    }

    private static void ApplySkips(ExecutionPlan plan, List<string>? skip, IReadOnlyList<ExecutableTarget> targets)
    {
        if (skip == null) return;
        var skipped = skip.Count == 0
            ? plan.Targets.Where(t => !plan.Invoked.Contains(t)).ToList()
            : Resolve(skip, targets);
        foreach (var target in skipped.Where(plan.Targets.Contains))
        {
            target.Status = TargetStatus.Skipped;
            target.Note = "--skip";
        }
    }

    private static void ApplyStaticConditions(ExecutionPlan plan)
    {
        foreach (var target in plan.Targets.Where(t => t.Status != TargetStatus.Skipped))
            if (TargetScheduler.FirstFalse(target.Definition.StaticConditions) is { } condition)
            {
                target.Status = TargetStatus.Skipped;
                target.Note = condition;
            }
    }
}
