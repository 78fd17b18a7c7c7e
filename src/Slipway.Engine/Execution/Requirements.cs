using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Slipway.Engine;

/// <summary>Checks, before anything runs, that every planned target's required parameters are set and tools are on PATH.</summary>
internal static class Requirements
{
    public static void Check(ExecutionPlan plan, IReadOnlyList<ParameterMember> parameters, IReadOnlyDictionary<string, string> environment)
    {
        var problems = new List<string>();
        foreach (var target in plan.Targets.Where(t => t.Status != TargetStatus.Skipped))
        {
            foreach (var requirement in target.Definition.RequiredParameters)
            {
                if (HasValue(requirement.Compile()())) continue;
                var name = MemberName(requirement);
                var parameter = parameters.FirstOrDefault(p => p.Key == ParameterNames.Normalize(name));
                problems.Add(parameter == null
                    ? $"{target.Name} requires {name}, which is not set."
                    : $"{target.Name} requires parameter {parameter.Name}: pass {parameter.CliName} <value>, set {parameter.EnvironmentName} " +
                      $"(or {ParameterNames.EnvironmentPrefix}{parameter.EnvironmentName}), or add \"{parameter.Name}\" to .nuke/parameters.json.");
            }
            foreach (var tool in target.Definition.RequiredTools)
                if (ToolResolver.Find(tool, environment.GetValueOrDefault("PATH")) == null)
                    problems.Add($"{target.Name} requires the tool '{tool}' on PATH: install it or add its directory to PATH.");
        }
        if (problems.Count > 0)
            throw new UsageException("The build cannot start:\n  " + string.Join("\n  ", problems.Distinct()));
        RunChecks(plan);
    }

    /// <summary>The targets' own checks (<see cref="ITargetDefinition.Validates"/>), in plan order.</summary>
    private static void RunChecks(ExecutionPlan plan)
    {
        var problems = new List<string>();
        foreach (var target in plan.Targets.Where(t => t.Status != TargetStatus.Skipped))
            foreach (var check in target.Definition.Checks)
            {
                try { check(); }
                catch (Exception e) when (e is UsageException or TargetFailedException)
                {
                    problems.Add(e.Message);
                }
            }
        if (problems.Count > 0)
            throw new UsageException("The build cannot start:\n  " + string.Join("\n  ", problems.Distinct()));
    }

    private static bool HasValue(object? value) => value switch
    {
        null => false,
        string text => !string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count > 0,
        _ => true,
    };

    private static string MemberName(Expression<Func<object?>> expression)
    {
        var body = expression.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : expression.Body;
        return body is MemberExpression { Member: MemberInfo member } ? member.Name : ConditionText.Of(expression);
    }
}
