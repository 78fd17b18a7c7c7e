using Slipway.Delivery.Stack;
using Slipway.Delivery.Tools;
using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>
/// Where the local stack lives: its state (data, logs, pid files, stack.env) under <c>.nuke/temp/stack</c> of the
/// repository, its caches (Kubernetes binaries, the base rootfs) in the machine's <see cref="SlipwayCache"/>.
/// </summary>
public sealed class StackPaths(AbsolutePath repositoryRoot, string? cacheDirectory = null)
{
    public AbsolutePath RepositoryRoot { get; } = repositoryRoot;
    public LocalStackFiles Files => new(RepositoryRoot);
    public AbsolutePath State => Files.State;
    public AbsolutePath Cache { get; } =
        cacheDirectory != null ? AbsolutePath.From(cacheDirectory) : SlipwayCache.Root(SlipwayCache.ProcessVariables());
    /// <summary>The stack's scripts, from this assembly (<see cref="StackAssets"/>).</summary>
    public AbsolutePath Scripts => StackAssets.In(Cache) / "scripts";
    public AbsolutePath PauseSource => StackAssets.In(Cache) / "pause" / "pause.go";
    public AbsolutePath Logs => State / "logs";
    public AbsolutePath Pids => State / "pids";
    public AbsolutePath EnvironmentFile => Files.EnvironmentFile;
    public AbsolutePath KubernetesBinaries => Cache / "kubernetes" / "v1.20.2" / "bin";
    public AbsolutePath Pki => State / "kube" / "pki";
    public AbsolutePath Kubeconfig => Files.Kubeconfig;
    public AbsolutePath DockerSocket => State / "docker" / "docker.sock";
    /// <summary>The kubelet's and dockershim's state (pod volumes are mounted under it).</summary>
    public AbsolutePath NodeRoot => State / "node";

    public AbsolutePath LogOf(string part) => Logs / $"{part}.log";
    public AbsolutePath PidOf(string part) => Pids / $"{part}.pid";

    /// <summary>dockerd's exec root holds its containerd socket: kept short (unix socket paths are limited to ~108 bytes).</summary>
    public string DockerExecRoot => $"/run/slipway-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(State.Value)))[..10].ToLowerInvariant()}";
}
