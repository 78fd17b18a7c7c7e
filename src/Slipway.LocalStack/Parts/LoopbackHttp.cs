namespace Slipway.LocalStack.Parts;

/// <summary>Health probes over HTTP(S) to the stack's own loopback servers (self-signed certificates are accepted).</summary>
internal static class LoopbackHttp
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        ConnectTimeout = TimeSpan.FromSeconds(2),
    }) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The status code and body, or null status when nothing answered.</summary>
    public static async Task<(int? Status, string Body, HttpResponseMessage? Response)> GetAsync(string url, CancellationToken ct)
    {
        try
        {
            var response = await Client.GetAsync(url, ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct), response);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, e.Message, null);
        }
    }
}
