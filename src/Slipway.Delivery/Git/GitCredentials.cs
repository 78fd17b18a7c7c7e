using System.Text;

namespace Slipway.Delivery.Git;

/// <summary>
/// A token for HTTPS remotes, sent as a Basic <c>Authorization</c> header through git's environment: it never
/// appears in a URL, an argument list or a log line.
/// </summary>
public sealed record GitCredentials(string Token, string UserName = "x-access-token")
{
    internal string HeaderValue => "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Token));

    /// <summary>Every form of the token that could show up in output.</summary>
    internal IReadOnlyList<string> Secrets => [Token, HeaderValue, HeaderValue["Authorization: Basic ".Length..]];

    public override string ToString() => $"GitCredentials {{ UserName = {UserName}, Token = **** }}";
}
