namespace Slipway.Delivery.Containers;

/// <summary>
/// Where a Docker engine answers (<c>unix:///path</c> or <c>tcp://host:port</c>), with its TLS settings, what chose it
/// and what to do when it cannot be reached. <see cref="FromEnvironment"/> resolves it as the docker CLI does.
/// </summary>
public sealed record DockerEndpoint
{
    public const string DefaultHost = "unix:///var/run/docker.sock";
    private const string Unix = "unix://";
    private const string Tcp = "tcp://";

    private DockerEndpoint(string host, DockerTls? tls, string origin, string remedy)
    {
        Host = host;
        Tls = tls;
        Origin = origin;
        Remedy = remedy;
    }

    public string Host { get; }
    /// <summary>Null: plain HTTP over the socket or TCP connection.</summary>
    public DockerTls? Tls { get; }
    /// <summary>What chose this endpoint, e.g. "DOCKER_HOST" or "docker context 'ci' (DOCKER_CONTEXT)".</summary>
    public string Origin { get; }
    /// <summary>What to do when the engine does not answer there.</summary>
    public string Remedy { get; }

    public bool IsUnixSocket => Host.StartsWith(Unix, StringComparison.Ordinal);
    public string SocketPath =>
        IsUnixSocket ? Host[Unix.Length..] : throw new InvalidOperationException($"{Host} is not a unix socket.");

    /// <summary>An endpoint the caller knows (such as the local stack's engine); no TLS.</summary>
    public static DockerEndpoint Given(string host, string origin, string remedy) =>
        new(Normalize(host, tls: false, origin), null, origin, remedy);

    /// <summary>Whether the variables name an engine (DOCKER_HOST or DOCKER_CONTEXT) rather than leave the default.
    /// </summary>
    public static bool IsConfigured(IReadOnlyDictionary<string, string> variables) =>
        Variable(variables, "DOCKER_HOST") != null || Variable(variables, "DOCKER_CONTEXT") != null;

    /// <summary>
    /// The docker CLI's choice: DOCKER_HOST (TLS when DOCKER_TLS_VERIFY or DOCKER_TLS is set, certificates from
    /// DOCKER_CERT_PATH, else the config folder), else the context named by DOCKER_CONTEXT or by config.json's
    /// currentContext, else the default socket. The config folder is DOCKER_CONFIG, else ~/.docker.
    /// </summary>
    public static DockerEndpoint FromEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        var home = Variable(variables, "HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var configDirectory = Variable(variables, "DOCKER_CONFIG") ?? Path.Combine(home, ".docker");
        if (Variable(variables, "DOCKER_HOST") is { } host)
            return FromDockerHost(host, variables, configDirectory);
        var context = new DockerContexts(configDirectory).Current(Variable(variables, "DOCKER_CONTEXT"));
        if (context == null)
            return new DockerEndpoint(DefaultHost, null,
                "the default socket (neither DOCKER_HOST nor a docker context is set)",
                "Start dockerd, or point DOCKER_HOST (or DOCKER_CONTEXT) at a running engine.");
        var tls = context.Tls;
        return new DockerEndpoint(Normalize(context.Host, tls != null, context.Description), tls, context.Description,
            $"Check the docker context '{context.Name}' ({context.MetaFile}), or choose another with DOCKER_CONTEXT " +
            "or DOCKER_HOST.");
    }

    private static DockerEndpoint FromDockerHost(
        string host, IReadOnlyDictionary<string, string> variables, string configDirectory)
    {
        const string remedy =
            "Check that DOCKER_HOST names a running engine this machine can reach (GitLab's docker:dind service: " +
            "tcp://docker:2376 with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH=$DOCKER_TLS_CERTDIR/client).";
        var verify = Variable(variables, "DOCKER_TLS_VERIFY") != null;
        var tlsWanted = verify || Variable(variables, "DOCKER_TLS") != null;
        if (!tlsWanted || host.StartsWith(Unix, StringComparison.Ordinal))
            return new DockerEndpoint(Normalize(host, tls: false, "DOCKER_HOST"), null, "DOCKER_HOST", remedy);

        var certPath = Variable(variables, "DOCKER_CERT_PATH");
        var tls = new DockerTls(certPath ?? configDirectory,
            certPath != null ? "DOCKER_CERT_PATH" : "the docker config folder, as DOCKER_CERT_PATH is unset", verify);
        if (!Directory.Exists(tls.Directory))
            throw new DockerEndpointException(
                $"{(verify ? "DOCKER_TLS_VERIFY" : "DOCKER_TLS")} is set, but the certificate folder {tls.Directory} " +
                $"({tls.Origin}) does not exist. Point DOCKER_CERT_PATH at the folder holding ca.pem, cert.pem " +
                "and key.pem (GitLab's docker:dind writes them to $DOCKER_TLS_CERTDIR/client), or unset " +
                "DOCKER_TLS_VERIFY for an engine without TLS.");
        return new DockerEndpoint(Normalize(host, tls: true, "DOCKER_HOST"), tls, "DOCKER_HOST", remedy);
    }

    /// <summary>unix:///path as is; tcp://host gets the docker CLI's default port (2376 with TLS, else 2375).
    /// </summary>
    private static string Normalize(string host, bool tls, string origin)
    {
        if (host.StartsWith(Unix + "/", StringComparison.Ordinal) && host.Length > Unix.Length + 1)
            return host;
        if (host.StartsWith(Tcp, StringComparison.Ordinal)
            && Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Host.Length > 0 && uri.AbsolutePath == "/")
            return $"{Tcp}{uri.Authority}{(uri.Port < 0 ? tls ? ":2376" : ":2375" : "")}";
        var why = host.StartsWith("ssh://", StringComparison.Ordinal)
            ? "ssh:// endpoints are not supported here: forward the engine's socket (ssh -L) and point DOCKER_HOST " +
              "at it, or use tcp:// with TLS"
            : "it is not a Docker endpoint: use unix:///path/to/docker.sock or tcp://host:port";
        throw new DockerEndpointException($"{origin} names the Docker engine '{host}', but {why}.");
    }

    private static string? Variable(IReadOnlyDictionary<string, string> variables, string name) =>
        variables.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

    public override string ToString() => Tls == null ? $"{Host} ({Origin})" : $"{Host} ({Origin}; {Tls})";
}
