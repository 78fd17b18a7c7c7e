using System.Text.RegularExpressions;

namespace Slipway.Delivery.Ci;

/// <summary>Job ids valid in both CI systems: lowercase letters, digits and dashes.</summary>
public static partial class CiNames
{
    public static string RequireJobId(string id) => JobId().IsMatch(id)
        ? id
        : throw new ArgumentException($"Job id '{id}' must be lowercase letters, digits and dashes, starting with a letter (e.g. deploy-apps).", nameof(id));

    /// <summary>The id of a deploy pipeline job for one environment: <c>deploy-prod</c>.</summary>
    public static string ForEnvironment(string id, string environment) => RequireJobId($"{id}-{Slug().Replace(environment.ToLowerInvariant(), "-")}");

    /// <summary>The id of a per-component job for one component: <c>images-orders-api</c>.</summary>
    public static string ForComponent(string id, string component) => ForEnvironment(id, component);

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex JobId();

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex Slug();
}
