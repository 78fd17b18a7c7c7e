using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>
/// A git server over HTTPS on 127.0.0.1: Kestrel with a certificate made for the test, running git's own
/// <c>git http-backend</c> for each request (as a web server runs it, through CGI), for the repositories under a
/// directory. Only requests carrying the expected Basic <c>Authorization</c> header get through; every request is
/// recorded, so a test can tell where a token travelled.
/// </summary>
internal sealed class HttpsGitServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _projectRoot;
    private readonly string _user;
    private readonly string _expectedAuthorization;
    private readonly List<HttpsGitRequest> _requests = [];

    private HttpsGitServer(WebApplication app, string projectRoot, string user, string token, string certificateFile)
    {
        _app = app;
        _projectRoot = projectRoot;
        _user = user;
        _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + token));
        CertificateFile = certificateFile;
    }

    /// <summary>The server's certificate (PEM), for <c>GIT_SSL_CAINFO</c>.</summary>
    public string CertificateFile { get; }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<HttpsGitRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>Serves the repositories under <paramref name="projectRoot"/> to a user with a token.</summary>
    public static async Task<HttpsGitServer> StartAsync(string projectRoot, string user, string token)
    {
        var certificate = Certificate();
        var certificateFile = Path.Combine(projectRoot, "server.pem");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new HttpsGitServer(app, projectRoot, user, token, certificateFile);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        var authorized = authorization == _expectedAuthorization;
        var target = request.Path + request.QueryString;
        lock (_requests) _requests.Add(new HttpsGitRequest(request.Method, target, authorization, authorized));
        if (!authorized)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"deploy\"";
            return;
        }
        using var backend = Process.Start(BackendStart(request))!;
        var input = Task.Run(async () =>
        {
            await request.Body.CopyToAsync(backend.StandardInput.BaseStream);
            backend.StandardInput.Close();
        });
        var errors = backend.StandardError.ReadToEndAsync();
        var output = backend.StandardOutput.BaseStream;
        foreach (var (name, value) in await ReadCgiHeadersAsync(output))
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                context.Response.StatusCode = int.Parse(value.Split(' ')[0]);
            else
                context.Response.Headers.Append(name, value);
        await output.CopyToAsync(context.Response.Body);
        await input;
        await backend.WaitForExitAsync();
        if (backend.ExitCode != 0)
            throw new InvalidOperationException($"git http-backend exited with {backend.ExitCode}: {await errors}");
    }

    private ProcessStartInfo BackendStart(HttpRequest request)
    {
        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = _projectRoot;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["REMOTE_USER"] = _user; // http-backend accepts pushes only from an authenticated user
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["PATH_INFO"] = request.Path.Value;
        start.Environment["QUERY_STRING"] = request.QueryString.Value?.TrimStart('?') ?? "";
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        if (request.ContentLength is { } length) start.Environment["CONTENT_LENGTH"] = length.ToString();
        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
            start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
            start.Environment["GIT_PROTOCOL"] = protocol;
        return start;
    }

    /// <summary>The CGI response's header lines, up to the blank line that ends them (the body follows).</summary>
    private static async Task<List<(string Name, string Value)>> ReadCgiHeadersAsync(Stream output)
    {
        var headers = new List<(string, string)>();
        var line = new List<byte>();
        var one = new byte[1];
        while (await output.ReadAsync(one) == 1)
        {
            if (one[0] != (byte)'\n')
            {
                line.Add(one[0]);
                continue;
            }
            var text = Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
            line.Clear();
            if (text.Length == 0) break;
            var colon = text.IndexOf(':');
            headers.Add((text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }
        return headers;
    }

    /// <summary>A self-signed certificate for 127.0.0.1, valid for a day.</summary>
    private static X509Certificate2 Certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(
            new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // serverAuth
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request the server received: method, path and query, Authorization header, whether it matched.</summary>
internal sealed record HttpsGitRequest(string Method, string Target, string Authorization, bool Authorized);
