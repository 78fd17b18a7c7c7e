namespace Slipway.Delivery.GitOps;

/// <summary>Where BumpValues commits: a repository (URL or path), its branch, and whether it is the repository being built.</summary>
public sealed record DeployTarget(string Repository, string Branch, bool IsThisRepository);
