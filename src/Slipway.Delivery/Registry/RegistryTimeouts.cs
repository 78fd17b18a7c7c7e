using System.Globalization;

namespace Slipway.Delivery.Registry;

/// <summary>
/// How long a registry may take: to accept the connection, and to answer a request (its headers; an upload gets
/// time for its body on top). A request that times out is sent again once, then fails naming the registry.
/// Set per run with SLIPWAY_CONNECT_TIMEOUT and SLIPWAY_RESPONSE_TIMEOUT (seconds).
/// </summary>
public sealed record RegistryTimeouts(TimeSpan Connect, TimeSpan Response, int Attempts = 2)
{
    public const string ConnectVariable = "SLIPWAY_CONNECT_TIMEOUT";
    public const string ResponseVariable = "SLIPWAY_RESPONSE_TIMEOUT";

    /// <summary>The body of an upload is given this rate at least before its answer is overdue.</summary>
    private const long SlowestUploadBytesPerSecond = 256 * 1024;

    public static RegistryTimeouts Default { get; } = new(
        Seconds(ConnectVariable) ?? TimeSpan.FromSeconds(10), Seconds(ResponseVariable) ?? TimeSpan.FromSeconds(20));

    /// <summary>How long <paramref name="request"/> may wait for its answer.</summary>
    public TimeSpan For(HttpRequestMessage request) =>
        Response + TimeSpan.FromSeconds((request.Content?.Headers.ContentLength ?? 0) / SlowestUploadBytesPerSecond);

    private static TimeSpan? Seconds(string variable) =>
        double.TryParse(System.Environment.GetEnvironmentVariable(variable), NumberStyles.Float,
            CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
}
