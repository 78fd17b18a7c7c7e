namespace Slipway.Delivery.Containers;

/// <summary>
/// TLS to a Docker engine, as the docker CLI sets it up: the CA that signs the engine's certificate, our client
/// certificate and key (each optional), and whether the engine's certificate is verified at all.
/// </summary>
/// <param name="Directory">Where the files are looked for (DOCKER_CERT_PATH, or the context's TLS folder).</param>
/// <param name="Origin">What chose that folder, for messages (e.g. "DOCKER_CERT_PATH").</param>
/// <param name="VerifyServer">False only for DOCKER_TLS without DOCKER_TLS_VERIFY, or a context's SkipTLSVerify.
/// </param>
public sealed record DockerTls(string Directory, string Origin, bool VerifyServer)
{
    public string CaFile => Path.Combine(Directory, "ca.pem");
    public string CertificateFile => Path.Combine(Directory, "cert.pem");
    public string KeyFile => Path.Combine(Directory, "key.pem");

    public bool HasCa => File.Exists(CaFile);
    public bool HasClientCertificate => File.Exists(CertificateFile) && File.Exists(KeyFile);

    public override string ToString() =>
        $"TLS{(VerifyServer ? "" : " without verifying the engine")}, certificates in {Directory} ({Origin})";
}
