using System.Text;
using FluentAssertions;
using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>
/// <c>./build.sh BumpValues</c> pushing over HTTPS to a real git server (git http-backend behind TLS on 127.0.0.1) that
/// requires a token: the token goes as a header, never in a URL, and never shows in what the build prints.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class HttpsTokenPushTests
{
    private static readonly string Token = "glpat-" + Guid.NewGuid().ToString("N");

    private static string[] Bump(string url, params string[] more) =>
        ["BumpValues", "--skip", "--deploy-repo", url, "--deploy-branch", DeployRepository.Branch,
         "--component", "c1", "--tag", "t1", "--verbosity", "verbose", .. more];

    private static Task<ScriptRun> RunAsync(HttpsGitServer server, string[] arguments) =>
        BuildScript.RunAsync(new Dictionary<string, string> { ["GIT_SSL_CAINFO"] = server.CertificateFile },
            CancellationToken.None, arguments);

    [Fact]
    public async Task A_token_push_lands_with_the_token_sent_only_as_a_header()
    {
        using var repository = await DeployRepository.CreateAsync();
        await using var server = await HttpsGitServer.StartAsync(repository.Root, "x-access-token", Token);

        var run = await RunAsync(server, Bump(server.BaseUrl + "/deploy.git", "--deploy-token", Token));

        run.ExitCode.Should().Be(0, run.ToString());
        // the checkout's branch may map to an environment, which the subject then names ("… for dev")
        (await repository.SubjectsAsync())[0].Should().StartWith("Bump c1 (none) → t1");
        (await repository.ReadAsync(ValuesSamples.Path("c1"))).Should().Be(ValuesSamples.Created("c1", "t1"));
        server.Requests.Should()
            .Contain(r => r.Method == "POST" && r.Target.EndsWith("/git-receive-pack"), "the push went over HTTPS");
        server.Requests.Should().OnlyContain(r => r.Authorized, "every request carried the token as its header");
        ShowsNoToken(run, server, "x-access-token");
    }

    [Fact]
    public async Task Credentials_written_in_the_url_are_sent_as_a_header_instead()
    {
        using var repository = await DeployRepository.CreateAsync();
        await using var server = await HttpsGitServer.StartAsync(repository.Root, "bot", Token);
        var url = server.BaseUrl.Replace("https://", $"https://bot:{Token}@") + "/deploy.git";

        var run = await RunAsync(server, Bump(url));

        run.ExitCode.Should().Be(0, run.ToString());
        // the checkout's branch may map to an environment, which the subject then names ("… for dev")
        (await repository.SubjectsAsync())[0].Should().StartWith("Bump c1 (none) → t1");
        server.Requests.Should().Contain(r => r.Target.EndsWith("/git-receive-pack"))
            .And.OnlyContain(r => r.Authorized);
        ShowsNoToken(run, server, "bot");
    }

    [Fact]
    public async Task A_wrong_token_fails_clearly_pushes_nothing_and_shows_neither_token()
    {
        using var repository = await DeployRepository.CreateAsync();
        var head = await repository.HeadAsync();
        await using var server = await HttpsGitServer.StartAsync(repository.Root, "x-access-token", Token);
        var wrong = "glpat-" + Guid.NewGuid().ToString("N");

        var run = await RunAsync(server, Bump(server.BaseUrl + "/deploy.git", "--deploy-token", wrong));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Says($"Could not clone {server.BaseUrl}/deploy.git (branch main):").Should().BeTrue(run.ToString());
        run.Says("Check --deploy-repo, and --deploy-token").Should().BeTrue(run.ToString());
        server.Requests.Should().NotBeEmpty().And.OnlyContain(r => !r.Authorized);
        (await repository.HeadAsync()).Should().Be(head);
        foreach (var secret in new[] { wrong, Base64("x-access-token:" + wrong), Token })
            run.Squashed.Should().NotContain(secret);
        server.Requests.Should().OnlyContain(r => !r.Target.Contains(wrong));
    }

    /// <summary>Neither the token nor its header form is in the output or in any request's path or query.</summary>
    private static void ShowsNoToken(ScriptRun run, HttpsGitServer server, string user)
    {
        string[] forms = [Token, Base64(user + ":" + Token), Uri.EscapeDataString(Token)];
        foreach (var form in forms) run.Squashed.Should().NotContain(form);
        server.Requests.Should()
            .OnlyContain(r => !forms.Any(form => r.Target.Contains(form)), "a token never travels in a URL");
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
