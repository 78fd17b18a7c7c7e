using System.Text.RegularExpressions;

namespace Slipway.Delivery.Git;

/// <summary>A repository location as git takes it: a URL, an scp-like <c>user@host:path</c>, or a local path.</summary>
public sealed partial record GitRemote
{
    private GitRemote(string url, GitCredentials? embeddedCredentials)
    {
        Url = url;
        EmbeddedCredentials = embeddedCredentials;
    }

    /// <summary>The URL git is given, without any user name or password (a local path becomes <c>file://</c>).</summary>
    public string Url { get; }

    /// <summary>A user name and password that were written in the URL, taken out of it to be sent as a header.</summary>
    public GitCredentials? EmbeddedCredentials { get; }

    public static GitRemote Parse(string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        if (UrlWithUserInfo().Match(repository) is { Success: true } match)
        {
            var user = Uri.UnescapeDataString(match.Groups["user"].Value);
            var password = match.Groups["password"].Success ? Uri.UnescapeDataString(match.Groups["password"].Value) : null;
            var url = match.Groups["scheme"].Value + match.Groups["rest"].Value;
            return new GitRemote(url, password != null ? new GitCredentials(password, user) : new GitCredentials(user));
        }
        if (repository.Contains("://", StringComparison.Ordinal) || ScpLike().IsMatch(repository))
            return new GitRemote(repository, null);
        var path = Path.GetFullPath(repository).Replace('\\', '/');
        return new GitRemote("file://" + (path.StartsWith('/') ? path : "/" + path), null);
    }

    /// <summary>Any URL with its user name and password removed, for messages and logs.</summary>
    public static string Redact(string url) =>
        UrlWithUserInfo().Match(url) is { Success: true } match ? match.Groups["scheme"].Value + match.Groups["rest"].Value : url;

    public override string ToString() => Url;

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?<user>[^@/:]*)(?::(?<password>[^@/]*))?@(?<rest>.*)$")]
    private static partial Regex UrlWithUserInfo();

    [GeneratedRegex(@"^[^/\\:]+@[^/\\:]+:")]
    private static partial Regex ScpLike();
}
