using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>
/// Faults on blob reads (GET) and blob uploads (POST, PATCH, PUT), drawn from a Random seeded with the seed and the
/// request's identity (method and digest or byte range, never a repository or upload id), so the same copy meets the
/// same faults every run. Only the first attempt of an identity can fail: retries always get through, which bounds the
/// faults any one blob meets.
/// </summary>
internal sealed partial class SeededFaults(int seed, double unavailable, double dropRequest, double dropResponse) : IFaultPlan
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentDictionary<Fault, int> _injected = new();

    public int Injected(Fault fault) => _injected.GetValueOrDefault(fault);

    public Fault Decide(HttpHead request)
    {
        if (IdentityOf(request) is not { } identity || _attempts.AddOrUpdate(identity, 0, (_, n) => n + 1) > 0) return Fault.None;
        var draw = new Random(seed ^ StableHash(identity)).NextDouble();
        var fault = draw < unavailable ? Fault.Unavailable
            : draw < unavailable + dropRequest ? Fault.DropRequest
            : draw < unavailable + dropRequest + dropResponse ? Fault.DropResponse
            : Fault.None;
        if (fault != Fault.None) _injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
        return fault;
    }

    /// <summary>What a retry of the same request has in common with the first attempt; null for requests never faulted.</summary>
    private static string? IdentityOf(HttpHead request)
    {
        var target = request.Target;
        if (!target.Contains("/blobs/", StringComparison.Ordinal)) return null;
        var digest = Digest().Match(target) is { Success: true } match ? Uri.UnescapeDataString(match.Value) : null;
        return request.Method switch
        {
            "GET" => "GET " + digest,
            "POST" when !target.Contains("mount=", StringComparison.Ordinal) => "POST",
            "PATCH" => "PATCH " + request["Content-Range"],
            "PUT" => "PUT " + digest,
            _ => null,
        };
    }

    private static int StableHash(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("sha256(:|%3A)[0-9a-f]{64}", RegexOptions.IgnoreCase)]
    private static partial Regex Digest();
}
