using FluentAssertions;
using Slipway.Delivery.Git;
using Xunit;

namespace Slipway.Delivery.Tests.Git;

[Collection(GitTestCollection.Name)]
public sealed class GitRemoteTests
{
    [Theory]
    [InlineData("https://user:s3cret@git.example.com/team/deploy.git", "https://git.example.com/team/deploy.git")]
    [InlineData("https://oauth2:tok%40en@git.example.com:8443/deploy.git", "https://git.example.com:8443/deploy.git")]
    [InlineData("https://git.example.com/team/deploy.git", "https://git.example.com/team/deploy.git")]
    [InlineData("https://git.example.com:8443/path@x", "https://git.example.com:8443/path@x")]
    [InlineData("git@git.example.com:team/deploy.git", "git@git.example.com:team/deploy.git")]
    public void Redacting_removes_user_and_password(string url, string redacted)
    {
        GitRemote.Redact(url).Should().Be(redacted);
        GitRemote.Parse(url).Url.Should().Be(redacted);
    }

    [Fact]
    public void Credentials_in_a_url_become_a_header_instead()
    {
        var remote = GitRemote.Parse("https://oauth2:tok%40en@git.example.com/deploy.git");

        remote.EmbeddedCredentials.Should().Be(new GitCredentials("tok@en", "oauth2"));
        remote.EmbeddedCredentials!.ToString().Should().NotContain("tok@en");
    }

    [Fact]
    public void A_local_path_becomes_a_file_url_so_clones_can_be_shallow()
    {
        GitRemote.Parse("relative/deploy.git").Url.Should().Be("file://" + Path.GetFullPath("relative/deploy.git"));
        GitRemote.Parse("file:///srv/deploy.git").Url.Should().Be("file:///srv/deploy.git");
    }

    [Fact]
    public async Task A_token_reaches_git_as_a_header_and_is_masked_everywhere()
    {
        const string token = "glpat-Sup3rSecretT0ken";
        var git = new GitClient(new GitCredentials(token));

        var result = await git.RunAsync(["config", "--get", "http.extraHeader"], Path.GetTempPath(), CancellationToken.None);

        result.ExitCode.Should().Be(0, "git sees the header through its environment");
        result.StandardOutput.Should().Be("****");
        result.CommandLine.Should().NotContain(token).And.NotContain("Authorization");
    }

    [Fact]
    public async Task A_remote_that_takes_the_connection_and_never_answers_fails_git_within_a_minute()
    {
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0); // never accepts
        silent.Start(backlog: 8);
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await new GitClient().RunAsync(["ls-remote", $"http://127.0.0.1:{port}/deploy.git"],
            Path.GetTempPath(), CancellationToken.None, allowFailure: true);

        silent.Stop();
        result.ExitCode.Should().NotBe(0);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(1), "a stalled remote must not hold git 5 minutes");
        result.StandardError.Should().Contain($"127.0.0.1:{port}");
    }
}
