using System.Reflection;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Delivery.Secrets;
using Slipway.Engine;

namespace Slipway.Delivery.Ci.Planning;

/// <summary>
/// What generation reads from a build: its target graph, environments, parameters, the secrets its pods need and the
/// .NET SDK version global.json pins (null when the repository has none).
/// </summary>
public sealed record CiBuildFacts(
    TargetGraph Graph,
    IReadOnlyList<DeploymentEnvironment> Environments,
    IReadOnlyList<CiBuildFacts.Parameter> Parameters,
    IReadOnlyList<string> AppSecretVariables,
    string? SdkVersion = null)
{
    /// <summary>The build's components and what rebuilds each, for per-component jobs.</summary>
    public IReadOnlyList<CiComponent> Components { get; init; } = [];

    /// <summary>
    /// The facts of a build; global.json is read under <paramref name="root"/> (default: its root directory).
    /// </summary>
    public static CiBuildFacts Of(object build, AbsolutePath? root = null) => new(
        TargetGraph.Of(build),
        build is IHazEnvironments environments ? environments.Environments : [],
        ParametersOf(build.GetType()),
        build is IHazDeploy deploy
            ? deploy.AppSecrets.SelectMany(s => s.Keys.Select(k => EnvironmentSecretSource.VariableName(s.Name, k))).ToList()
            : [],
        (root ?? (build as ISlipwayBuild)?.RootDirectory) is { } directory
            ? GlobalJson.SdkVersion(directory / "global.json")
            : null)
    {
        Components = ComponentsOf(build, root ?? (build as ISlipwayBuild)?.RootDirectory),
    };

    /// <summary>Each component with its inputs' paths; none when the build has none or is not rooted yet.</summary>
    private static IReadOnlyList<CiComponent> ComponentsOf(object build, AbsolutePath? root) =>
        build is IHazComponents components && root != null && (build as ISlipwayBuild)?.RootDirectory != null
            ? components.Components.Select(c => new CiComponent(c.Name,
                ComponentInputs.Of(c, root, build is IDockerBuild images ? images.BaseImages : []))).ToList()
            : [];

    /// <summary>The parameter of that name (any spelling) that a job can set through its variable, or an error saying why not.</summary>
    public Parameter ParameterNamed(string name)
    {
        var parameter = Parameters.FirstOrDefault(p => ParameterNames.Normalize(p.Name) == ParameterNames.Normalize(name))
            ?? throw new BuildDefinitionException($"The CI declaration names parameter '{name}', which the build does not declare." +
                                                  Suggestions.DidYouMean(name, Parameters.Select(p => p.Name)));
        return parameter.Variables != ParameterVariables.None
            ? parameter
            : throw new BuildDefinitionException($"The CI declaration passes parameter '{parameter.Name}' to a job, but it answers to no environment variable " +
                                                  "(only the command line and parameters files): pass it another way, or let the environment's settings give it.");
    }

    /// <summary>The variable a job sets for a parameter of this name: <c>SLIPWAY_&lt;NAME&gt;</c>.</summary>
    public static string VariableOf(string parameterName) =>
        ParameterNames.EnvironmentPrefix + ParameterNames.Screaming(parameterName);

    /// <summary>[Parameter] members of the build class and its interfaces, as the engine finds them.</summary>
    private static IReadOnlyList<Parameter> ParametersOf(Type type)
    {
        const BindingFlags members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var types = new List<Type>();
        for (var t = type; t != null && t != typeof(object); t = t.BaseType) types.Add(t);
        types.AddRange(type.GetInterfaces().OrderBy(i => i.FullName, StringComparer.Ordinal));
        return types
            .SelectMany(t => t.GetMembers(members).Where(m => m is FieldInfo or PropertyInfo))
            .Select(m => (Member: m, Attribute: m.GetCustomAttribute<ParameterAttribute>()))
            .Where(x => x.Attribute != null)
            .Select(x => new Parameter(x.Attribute!.Name ?? x.Member.Name, x.Member.GetCustomAttribute<SecretAttribute>() != null, x.Attribute.Variables))
            .DistinctBy(p => ParameterNames.Normalize(p.Name))
            .ToList();
    }

    /// <summary>A build parameter: its name, whether its value is a secret, which variables may set it.</summary>
    public sealed record Parameter(string Name, bool IsSecret, ParameterVariables Variables = ParameterVariables.Any)
    {
        /// <summary>The variable a job sets for it: <c>SLIPWAY_&lt;NAME&gt;</c>.</summary>
        public string Variable => VariableOf(Name);
        /// <summary>The CI variable or secret holding its value: <c>&lt;NAME&gt;</c>.</summary>
        public string Source => ParameterNames.Screaming(Name);
    }
}
