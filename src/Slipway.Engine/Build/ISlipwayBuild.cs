using System.Linq.Expressions;

namespace Slipway.Engine;

/// <summary>What every build offers its components: where things are, which host runs it, the parameter values.</summary>
public interface ISlipwayBuild
{
    AbsolutePath RootDirectory { get; }
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    /// <summary>Scratch space kept between runs and ignored by git: <c>.nuke/temp</c>.</summary>
    AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";
    CiHost Host { get; }
    bool IsLocalBuild => Host == CiHost.Terminal;
    bool IsServerBuild => !IsLocalBuild;
    ParameterStore Parameters { get; }
    /// <summary>This run's targets in order (null before planning), e.g. to ask whether a target was invoked by name.</summary>
    ExecutionPlan? Plan { get; }

    /// <summary>Values resolved once per run and shared by every target (an environment, a deploy context).</summary>
    RunValues RunValues { get; }

    /// <summary>Asks the person at the terminal; null when nobody can answer (CI, redirected input).</summary>
    string? Ask(string question);

    bool IsInvoked(string target) => Plan?.Invoked.Any(t => t.Name.Equals(target, StringComparison.OrdinalIgnoreCase)) == true;
    /// <summary>The run's environment variables (the process's own, or those a test supplied).</summary>
    IReadOnlyDictionary<string, string> EnvironmentVariables { get; }

    /// <summary>For parameters declared on component interfaces: <c>[Parameter] string Env => TryGetValue(() => Env) ?? "local";</c></summary>
    T? TryGetValue<T>(Expression<Func<T>> parameter) =>
        (parameter.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : parameter.Body) is MemberExpression member
            ? Parameters.Get<T>(member.Member.Name)
            : throw new ArgumentException("TryGetValue expects a member access, e.g. () => Env.", nameof(parameter));
}
