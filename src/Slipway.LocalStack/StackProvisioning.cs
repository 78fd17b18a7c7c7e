using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>
/// The install and build steps before anything starts: Debian packages, Kubernetes binaries, PKI, client-registry
/// credentials.
/// </summary>
public sealed class StackProvisioning(StackPaths paths, Verbosity verbosity)
{
    private ProcessOptions ScriptOptions => new()
    {
        LogOutput = verbosity == Verbosity.Verbose,
        LogInvocation = false,
        WorkingDirectory = paths.RepositoryRoot,
        Environment = new Dictionary<string, string?> { ["SLIPWAY_CACHE"] = paths.Cache },
    };

    public async Task InstallPackagesAsync(CancellationToken ct)
    {
        try
        {
            await ProcessRunner.RunAsync(paths.Scripts / "install-packages.sh", [], ScriptOptions, ct);
        }
        catch (ProcessException e)
        {
            throw new StackException("Installing the stack's Debian packages failed. Check that you are root and that apt can reach " +
                                     $"Debian's repositories (apt-get update).\n{Tail(e)}");
        }
    }

    public async Task BuildKubernetesAsync(CancellationToken ct)
    {
        if (!(paths.KubernetesBinaries / "kubelet").FileExists)
            Log.Information("Building Kubernetes v1.20.2 (API server, controller-manager, scheduler, kubelet, kube-proxy) " +
                            "from Debian's source: 10 to 15 minutes on 2 cores, once (cached in " +
                            $"{paths.KubernetesBinaries.Parent})…");
        try
        {
            await ProcessRunner.RunAsync(paths.Scripts / "build-kubernetes.sh", verbosity == Verbosity.Verbose ? ["--verbose"] : [],
                ScriptOptions with
                {
                    Timeout = TimeSpan.FromMinutes(45),
                    ShowLine = line => line.StartsWith("build-kubernetes:", StringComparison.Ordinal),
                }, ct);
        }
        catch (ProcessException e)
        {
            throw new StackException($"Building the Kubernetes binaries failed; read {paths.KubernetesBinaries.Parent / "build.log"}.\n{Tail(e)}");
        }
    }

    public async Task CreatePkiAsync(CancellationToken ct) =>
        await ProcessRunner.RunAsync(paths.Scripts / "kube-pki.sh", [paths.Pki], ScriptOptions, ct);

    /// <summary>The client registry's user and a random password, kept in the stack dir (0600), and its bcrypt htpasswd file.</summary>
    public async Task<(string User, string Password, string HtpasswdFile)> ClientRegistryCredentialsAsync(CancellationToken ct)
    {
        var directory = (paths.State / "client-registry").CreateDirectory();
        var credentials = directory / "credentials";
        var htpasswd = directory / "htpasswd";
        if (!credentials.FileExists)
        {
            var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
            credentials.WritePrivateText($"slipway:{password}");
            if (htpasswd.FileExists) File.Delete(htpasswd);
        }
        var pair = File.ReadAllText(credentials).Trim().Split(':', 2);
        BuildOutput.Current.Masker.Add(pair[1]);
        if (!htpasswd.FileExists)
            await ProcessRunner.RunAsync("htpasswd", ["-iBc", htpasswd, pair[0]],
                new ProcessOptions { StandardInput = pair[1], LogOutput = false, LogInvocation = false, Secrets = [pair[1]] }, ct);
        return (pair[0], pair[1], htpasswd);
    }

    private static string Tail(ProcessException e) =>
        e.Result == null ? e.Message : string.Join('\n', e.Result.Output.TakeLast(15).Select(l => "    " + l.Text));
}
