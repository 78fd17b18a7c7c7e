using FluentAssertions;
using Slipway.Engine;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>
/// The generated workflow's changed-images step, run by bash as GitHub runs it (<c>-eo pipefail</c>) in a git
/// repository with the pushed commits: the images matrix gets the components whose inputs the push changed.
/// </summary>
public sealed class GitHubChangedComponentsTests : IDisposable
{
    private static readonly string[] Apps = ["orders-api", "orders-worker", "web-ui", "bus-bootstrap"];
    private readonly string _repository = Directory.CreateTempSubdirectory("slipway-changed-").FullName;
    private readonly string _script;

    public GitHubChangedComponentsTests()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(RepositoryBuild.CiFiles()[".github/workflows/delivery.yml"]));
        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"];
        var steps = (YamlSequenceNode)((YamlMappingNode)jobs["changed-images"])["steps"];
        _script = ((YamlScalarNode)((YamlMappingNode)steps[1])["run"]).Value!;
        Git("init", "-q", "-b", "main");
        foreach (var file in new[] { "src/apps/web-ui/Program.cs", "src/apps/shared/BusSettings.cs", "global.json",
                     "charts/base/images/broker/Dockerfile", "README.md" })
            Write(file, "first\n");
        Commit("First");
    }

    [Fact]
    public void A_change_to_one_app_gives_that_app()
    {
        var before = Head();
        Write("src/apps/web-ui/Program.cs", "changed\n");

        Changed(before, Commit("Change web-ui")).Should().Equal("web-ui");
    }

    [Fact]
    public void A_change_to_a_shared_project_or_a_build_file_gives_the_apps_that_read_it()
    {
        var before = Head();
        Write("src/apps/shared/BusSettings.cs", "changed\n");
        Changed(before, Commit("Change shared")).Should().Equal("orders-api", "orders-worker", "bus-bootstrap");

        before = Head();
        Write("global.json", "changed\n");
        Changed(before, Commit("Change global.json")).Should().Equal(Apps, "the products do not build with .NET");
    }

    [Fact]
    public void A_change_to_no_component_gives_none()
    {
        var before = Head();
        Write("README.md", "changed\n");

        Changed(before, Commit("Docs")).Should().BeEmpty();
    }

    [Fact]
    public void A_tag_a_new_branch_or_an_unknown_history_gives_every_component()
    {
        string[] all = [.. Apps, "broker", "database"];
        var head = Head();

        Changed(head, head, refType: "tag").Should().Equal(all);
        Changed(new string('0', 40), head).Should().Equal(all);
        Changed(new string('a', 40), head).Should().Equal(all, "a force-push leaves no commit to compare with");
    }

    /// <summary>Runs the step as GitHub does and returns its <c>components</c> output.</summary>
    private IReadOnlyList<string> Changed(string before, string sha, string refType = "branch")
    {
        var output = Path.Combine(_repository, ".github-output");
        File.WriteAllText(output, "");
        File.WriteAllText(Path.Combine(_repository, ".step.sh"), _script);
        var run = ProcessRunner.Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", ".step.sh"], new ProcessOptions
        {
            WorkingDirectory = _repository, LogOutput = false, LogInvocation = false, AllowFailure = true,
            Environment = new Dictionary<string, string?>
            {
                ["BEFORE"] = before, ["GITHUB_SHA"] = sha, ["GITHUB_REF_TYPE"] = refType, ["GITHUB_OUTPUT"] = output,
            },
        });
        run.ExitCode.Should().Be(0, string.Join('\n', run.Output.Select(l => l.Text)));
        var line = File.ReadAllLines(output).Should().ContainSingle().Which;
        line.Should().StartWith("components=[");
        return System.Text.Json.JsonSerializer.Deserialize<string[]>(line["components=".Length..])!;
    }

    private void Write(string file, string text)
    {
        var path = Path.Combine(_repository, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Commit(string message)
    {
        Git("add", "-A", "--", ":!.github-output", ":!.step.sh");
        Git("-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-q", "-m", message);
        return Head();
    }

    private string Head() => Git("rev-parse", "HEAD").Trim();

    private string Git(params string[] arguments) => ProcessRunner.Run("git", arguments,
        new ProcessOptions { WorkingDirectory = _repository, LogOutput = false, LogInvocation = false }).StandardOutput;

    public void Dispose() => Directory.Delete(_repository, recursive: true);
}
