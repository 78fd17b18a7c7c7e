using Slipway.Delivery.Environments;

namespace Slipway.Delivery.Ci.Planning;

/// <summary>
/// The CI variables an environment's jobs read: its kubeconfig, the variables its target registry settings name
/// (the first of each <c>${A:-${B}}</c> chain: the fallbacks are for laptops), and the pods' secrets.
/// </summary>
public static class EnvironmentInputs
{
    public static IReadOnlyList<CiInput> For(DeploymentEnvironment environment, IReadOnlyList<string> appSecretVariables)
    {
        var inputs = new List<CiInput>();
        if (environment.KubeconfigVariable is { } kubeconfig) inputs.Add(new CiInput(kubeconfig, kubeconfig, IsSecret: true));
        inputs.AddRange(Referenced(environment.TargetRegistry, secret: false));
        inputs.AddRange(Referenced(environment.TargetRegistryUsername, secret: false));
        inputs.AddRange(Referenced(environment.TargetRegistryPassword, secret: true));
        inputs.AddRange(appSecretVariables.Select(v => new CiInput(v, v, IsSecret: true)));
        return inputs.DistinctBy(i => i.Variable).ToList();
    }

    private static IEnumerable<CiInput> Referenced(string? setting, bool secret) =>
        PrimaryVariables(setting).Select(name => new CiInput(name, name, secret));

    /// <summary>The names of the outermost <c>${NAME}</c> / <c>${NAME:-…}</c> references of a setting.</summary>
    public static IReadOnlyList<string> PrimaryVariables(string? setting)
    {
        var names = new List<string>();
        if (setting == null) return names;
        var depth = 0;
        for (var i = 0; i < setting.Length; i++)
        {
            if (setting[i] == '$' && i + 1 < setting.Length && setting[i + 1] == '{')
            {
                if (depth++ == 0)
                {
                    var start = i + 2;
                    var end = start;
                    while (end < setting.Length && (char.IsLetterOrDigit(setting[end]) || setting[end] == '_')) end++;
                    names.Add(setting[start..end]);
                }
                i++;
            }
            else if (setting[i] == '}' && depth > 0) depth--;
        }
        return names;
    }
}
