using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Slipway.Delivery.Tests.Containers;

/// <summary>
/// A throwaway PKI as GitLab's docker:dind makes one: a CA, the engine's certificate for 127.0.0.1 and a client
/// certificate, written as PEM files. <see cref="WriteClientFolder"/> lays out a DOCKER_CERT_PATH.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly List<IDisposable> _owned = [];

    public TestCertificates(string name)
    {
        Ca = NewCa($"CN=Slipway test CA {name}");
        (Server, ServerKey) = NewLeaf(Ca, "CN=127.0.0.1", ServerAuth);
        (Client, ClientKey) = NewLeaf(Ca, "CN=slipway test client", ClientAuth);
    }

    public X509Certificate2 Ca { get; }
    public X509Certificate2 Server { get; }
    public ECDsa ServerKey { get; }
    public X509Certificate2 Client { get; }
    public ECDsa ClientKey { get; }

    /// <summary>ca.pem, cert.pem and key.pem, as DOCKER_CERT_PATH holds them; <paramref name="ca"/> defaults to ours.
    /// </summary>
    public string WriteClientFolder(string directory, X509Certificate2? ca = null, bool withClientCertificate = true)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "ca.pem"), (ca ?? Ca).ExportCertificatePem());
        if (withClientCertificate)
        {
            File.WriteAllText(Path.Combine(directory, "cert.pem"), Client.ExportCertificatePem());
            File.WriteAllText(Path.Combine(directory, "key.pem"), ClientKey.ExportPkcs8PrivateKeyPem());
        }
        return directory;
    }

    /// <summary>The engine's side: ca.pem, server-cert.pem, server-key.pem (for --tlscacert, --tlscert, --tlskey).
    /// </summary>
    public (string Ca, string Certificate, string Key) WriteServerFolder(string directory)
    {
        Directory.CreateDirectory(directory);
        var (ca, certificate, key) = (Path.Combine(directory, "ca.pem"), Path.Combine(directory, "server-cert.pem"),
            Path.Combine(directory, "server-key.pem"));
        File.WriteAllText(ca, Ca.ExportCertificatePem());
        File.WriteAllText(certificate, Server.ExportCertificatePem());
        File.WriteAllText(key, ServerKey.ExportPkcs8PrivateKeyPem());
        return (ca, certificate, key);
    }

    private X509Certificate2 NewCa(string subject)
    {
        var key = Own(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return Own(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1)));
    }

    private (X509Certificate2, ECDsa) NewLeaf(X509Certificate2 ca, string subject, Oid usage)
    {
        var key = Own(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (usage.Value == ServerAuth.Value)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        var now = DateTimeOffset.UtcNow;
        var certificate = request.Create(ca, now.AddHours(-1), now.AddDays(1), serial);
        return (Own(certificate), key);
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }
}
