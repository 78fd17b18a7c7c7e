using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text.Json;
using Docker.DotNet;

namespace Slipway.Delivery.Containers;

/// <summary>
/// Turns what the Docker library throws into messages for a user: the engine's own refusal, or an endpoint that does
/// not answer or whose TLS handshake failed — naming the endpoint, what set it, and what to do.
/// </summary>
internal sealed class DockerFailures(DockerEndpoint endpoint, DockerTlsMaterial? tls, TimeSpan connectTimeout)
{
    /// <summary>Whether the failure is the connection's (not the caller's cancellation, nor the engine's answer).
    /// </summary>
    public static bool IsConnectionFailure(Exception e, CancellationToken ct) =>
        e is HttpRequestException or SocketException or IOException or AuthenticationException or TimeoutException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);

    public DockerException Refused(string what, DockerApiException e)
    {
        var (message, fromEngine) = EngineMessage(e.ResponseBody);
        if (message.Contains("HTTP request to an HTTPS server", StringComparison.Ordinal))
            return new DockerEndpointException(
                $"The Docker engine at {endpoint} expects TLS, but none is set up for it: set DOCKER_TLS_VERIFY=1 " +
                "and DOCKER_CERT_PATH to the folder holding its ca.pem, cert.pem and key.pem (GitLab's docker:dind: " +
                "$DOCKER_TLS_CERTDIR/client).");
        if (!fromEngine && e.StatusCode == HttpStatusCode.NotFound)
            return new DockerEndpointException(
                $"Something answers at {endpoint}, but not as a Docker engine (404 to a request to {what}). " +
                endpoint.Remedy);
        return new DockerException($"Docker could not {what}: {(int)e.StatusCode} {message}", e.StatusCode);
    }

    public DockerEndpointException Unreachable(Exception e)
    {
        if (endpoint.Tls is { } settings && IsHandshakeFailure(e))
        {
            var reason = tls?.LastRejection ?? (settings.HasClientCertificate
                ? $"{Innermost(e).Message} (the engine may have refused our client certificate, or serves no TLS there)"
                : $"{Innermost(e).Message} (we sent no client certificate: {settings.CertificateFile} and " +
                  $"{settings.KeyFile} are missing, and an engine started with --tlsverify requires one)");
            return new DockerEndpointException(
                $"The TLS handshake with the Docker engine at {endpoint} failed: {reason}. {settings.Directory} " +
                $"({settings.Origin}) must hold the ca.pem, cert.pem and key.pem made for this engine, whose " +
                $"certificate must name the host of {endpoint.Host}. {endpoint.Remedy}");
        }
        var timedOut = e is TimeoutException || Innermost(e) is TimeoutException || e is OperationCanceledException;
        var why = timedOut
            ? $"it did not answer in time (at most {connectTimeout.TotalSeconds:0} s to connect)"
            : Innermost(e).Message;
        return new DockerEndpointException($"Cannot reach the Docker engine at {endpoint}: {why}. {endpoint.Remedy}");
    }

    private static bool IsHandshakeFailure(Exception e) =>
        e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }
        || Chain(e).Any(x => x is AuthenticationException or CryptographicException);

    private static Exception Innermost(Exception e) => Chain(e).Last();

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x != null; x = x.InnerException) yield return x;
    }

    /// <summary>The "message" of the engine's JSON error body (FromEngine), else the body itself.</summary>
    private static (string Message, bool FromEngine) EngineMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return ("(no message)", false);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
                return (message.GetString()!.Trim(), true);
        }
        catch (JsonException)
        {
            // a plain-text answer
        }
        return (body.Trim(), false);
    }
}
