using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Slipway.Delivery.Containers;

/// <summary>
/// A <see cref="DockerTls"/>'s files, loaded: our client certificate, and the check of the engine's certificate
/// (signed by ca.pem, else by a CA the system trusts; issued for the host we dial). Remembers why it last refused one.
/// </summary>
internal sealed class DockerTlsMaterial : IDisposable
{
    private readonly DockerTls _tls;
    private readonly X509Certificate2Collection _ca = [];

    private DockerTlsMaterial(DockerTls tls, X509Certificate2? clientCertificate)
    {
        _tls = tls;
        ClientCertificate = clientCertificate;
    }

    public X509Certificate2? ClientCertificate { get; }

    /// <summary>Why the engine's certificate was last refused; null when none was.</summary>
    public string? LastRejection { get; private set; }

    public static DockerTlsMaterial Load(DockerTls tls, DockerEndpoint endpoint)
    {
        var file = tls.CertificateFile;
        try
        {
            var client = tls.HasClientCertificate
                ? X509Certificate2.CreateFromPemFile(tls.CertificateFile, tls.KeyFile)
                : null;
            var material = new DockerTlsMaterial(tls, client);
            file = tls.CaFile;
            if (tls.HasCa) material._ca.ImportFromPemFile(tls.CaFile);
            if (tls.HasCa && material._ca.Count == 0) throw new CryptographicException("no PEM certificate in it");
            return material;
        }
        catch (CryptographicException e)
        {
            throw new DockerEndpointException(
                $"The TLS files for the Docker engine at {endpoint} cannot be used: {file} (or its key.pem): " +
                $"{e.Message}. {tls.Directory} must hold the PEM files ca.pem, cert.pem and key.pem made for this " +
                "engine.");
        }
    }

    public bool ValidateServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        LastRejection = Rejection(certificate, chain, errors);
        return LastRejection == null;
    }

    private string? Rejection(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (!_tls.VerifyServer) return null;
        if (certificate == null) return "the engine sent no certificate";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return "its certificate is not issued for the host dialled (its subject alternative names lack it)";
        if (_ca.Count == 0)
            return errors == SslPolicyErrors.None ? null
                : $"its certificate is not signed by a CA this machine trusts, and there is no {_tls.CaFile}";

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(_ca);
        if (chain != null)
        {
            // intermediates the engine sent along
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (custom.Build(server)) return null;
        var status = string.Join(", ", custom.ChainStatus.Select(s => s.Status).Distinct());
        return $"its certificate ({server.Subject}) is not signed by the CA in {_tls.CaFile} ({status})";
    }

    public void Dispose()
    {
        ClientCertificate?.Dispose();
        foreach (var certificate in _ca) certificate.Dispose();
    }
}
