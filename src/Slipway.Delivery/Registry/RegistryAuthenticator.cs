using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Slipway.Delivery.Registry;

/// <summary>Answers a registry's 401 challenge: Basic with the credentials, or Bearer with a token fetched from the realm.</summary>
internal sealed partial class RegistryAuthenticator(HttpClient http, RegistryCredentials? credentials)
{
    private readonly ConcurrentDictionary<string, AuthenticationHeaderValue> _byScope = new();

    public AuthenticationHeaderValue? Cached(string scope) =>
        _byScope.TryGetValue(scope, out var header) ? header : _byScope.GetValueOrDefault("*");

    /// <summary>Builds the Authorization header for a challenge; null when the challenge cannot be answered.</summary>
    public async Task<AuthenticationHeaderValue?> AnswerAsync(HttpResponseMessage unauthorized, string scope, CancellationToken ct)
    {
        var challenge = unauthorized.Headers.WwwAuthenticate.FirstOrDefault();
        if (challenge == null) return null;
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (credentials == null) return null;
            var basic = BasicHeader(credentials);
            _byScope["*"] = basic;
            return basic;
        }
        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) return null;
        var parameters = ChallengeParameter().Matches(challenge.Parameter ?? "")
            .ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(), m => m.Groups[2].Value);
        if (!parameters.TryGetValue("realm", out var realm)) return null;
        var query = new List<string>();
        if (parameters.TryGetValue("service", out var service)) query.Add("service=" + Uri.EscapeDataString(service));
        var wantedScope = parameters.GetValueOrDefault("scope") ?? scope;
        if (wantedScope.Length > 0) query.Add("scope=" + Uri.EscapeDataString(wantedScope));
        using var request = new HttpRequestMessage(HttpMethod.Get, realm + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        if (credentials != null) request.Headers.Authorization = BasicHeader(credentials);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new RegistryException($"The registry's token service {new Uri(realm).GetLeftPart(UriPartial.Path)} refused a token " +
                                        $"({(int)response.StatusCode}): check the registry user and password.", response.StatusCode, "UNAUTHORIZED");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        var token = body?["token"]?.GetValue<string>() ?? body?["access_token"]?.GetValue<string>();
        if (token == null) return null;
        var bearer = new AuthenticationHeaderValue("Bearer", token);
        _byScope[scope] = bearer;
        return bearer;
    }

    private static AuthenticationHeaderValue BasicHeader(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));

    [GeneratedRegex("""(\w+)="([^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex ChallengeParameter();
}
