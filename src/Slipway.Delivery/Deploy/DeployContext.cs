using Slipway.Delivery.Environments;

namespace Slipway.Delivery.Deploy;

/// <summary>What a run deploys to, resolved once before any target runs: the environment, its namespace, its cluster.</summary>
public sealed record DeployContext(DeploymentEnvironment Environment, string Namespace, ClusterTarget Cluster)
{
    /// <summary>One line for the plan, the log and the report: environment, namespace, server, context, source.</summary>
    public string Describe() => $"environment {Environment.Name} → namespace {Namespace} on {Cluster.Describe()}";
}
