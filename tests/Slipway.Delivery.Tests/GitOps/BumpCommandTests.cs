using FluentAssertions;
using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary><c>./build.sh BumpValues</c> against a bare repository on disk, as a pipeline runs it.</summary>
[Collection(BuildScriptCollection.Name)]
public sealed class BumpCommandTests
{
    /// <summary>What another pipeline pushes first: a hotfix tag and another setting of the same file.</summary>
    private static string Hotfix(string text) => text.Replace("0000000", "hotfix1").Replace("IfNotPresent", "Always");

    private static string[] Bump(DeployRepository repository, string component, string tag, params string[] more) =>
        ["BumpValues", "--skip", "--deploy-repo", repository.Url, "--deploy-branch", DeployRepository.Branch, "--component", component, "--tag", tag, .. more];

    [Fact]
    public async Task The_judged_command_adds_a_missing_tag_file_in_exactly_one_commit()
    {
        using var repository = await DeployRepository.CreateAsync();

        var run = await BuildScript.RunAsync(Bump(repository, "c1", "t1"));

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.CommitCountAsync()).Should().Be(2);
        (await repository.HeadNameStatusAsync()).Should().Be("A\tdeploy/values/components/c1.yaml");
        (await repository.ReadAsync(ValuesSamples.Path("c1"))).Should().Be(ValuesSamples.Created("c1", "t1"));
        (await repository.SubjectsAsync())[0].Should().StartWith("Bump c1 (none) → t1").And.NotContain("[skip ci]",
            "another repository's pipeline does not loop back into this one");
    }

    [Fact]
    public async Task An_empty_repository_gets_its_branch_with_the_tag_file_as_first_commit()
    {
        using var repository = await DeployRepository.CreateEmptyAsync();

        var run = await BuildScript.RunAsync(Bump(repository, "c1", "t1"));

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.CommitCountAsync()).Should().Be(1);
        (await repository.HeadFilesAsync()).Should().Be("deploy/values/components/c1.yaml");
        (await repository.ReadAsync(ValuesSamples.Path("c1"))).Should().Be(ValuesSamples.Created("c1", "t1"));
    }

    [Fact]
    public async Task An_existing_tag_changes_on_exactly_one_line_in_one_commit()
    {
        using var repository = await DeployRepository.CreateAsync(new Dictionary<string, string>
        {
            [ValuesSamples.Path("c1")] = ValuesSamples.Marked("c1", "1a2b3c4d"),
            [ValuesSamples.Path("c2")] = ValuesSamples.Marked("c2", "1a2b3c4d"),
        });

        var run = await BuildScript.RunAsync(Bump(repository, "c1", "5e6f7a8b", "--env", "recette"));

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.CommitCountAsync()).Should().Be(2);
        (await repository.HeadNumstatAsync()).Should().Be("1\t1\tdeploy/values/components/c1.yaml");
        (await repository.HeadChangedLinesAsync()).Should().Equal(
            "-    tag: \"1a2b3c4d\" # slipway:image=c1",
            "+    tag: \"5e6f7a8b\" # slipway:image=c1");
        (await repository.ReadAsync(ValuesSamples.Path("c1"))).Should().Be(ValuesSamples.Marked("c1", "5e6f7a8b"));
        (await repository.SubjectsAsync())[0].Should().Be("Bump c1 1a2b3c4d → 5e6f7a8b for recette");
        run.Says("Bump c1 1a2b3c4d → 5e6f7a8b for recette").Should().BeTrue(run.ToString());
    }

    [Fact]
    public async Task A_digest_given_with_the_tag_is_written_beside_it_and_a_malformed_one_is_refused_before_any_push()
    {
        var digest = "sha256:" + new string('c', 64);
        using var repository = await DeployRepository.CreateAsync(new Dictionary<string, string>
        {
            [ValuesSamples.Path("c1")] = ValuesSamples.Marked("c1", "1a2b3c4d"),
        });

        var malformed = await BuildScript.RunAsync(Bump(repository, "c1", "5e6f7a8b", "--digest", "sha256:c"));
        var run = await BuildScript.RunAsync(Bump(repository, "c1", "5e6f7a8b", "--digest", digest));

        malformed.ExitCode.Should().Be(1, malformed.ToString());
        malformed.Says("'sha256:c' is not an image digest").Should().BeTrue(malformed.ToString());
        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.CommitCountAsync()).Should().Be(2, "the malformed digest pushed nothing");
        (await repository.HeadChangedLinesAsync()).Should().Equal(
            "-    tag: \"1a2b3c4d\" # slipway:image=c1",
            "+    tag: \"5e6f7a8b\" # slipway:image=c1",
            "+    digest: " + digest);
        (await repository.HeadMessageAsync()).Should().Contain("c1 1a2b3c4d → 5e6f7a8b (sha256:cccccccccccc) (marker)");
    }

    [Fact]
    public async Task The_same_bump_again_makes_no_commit_and_says_so()
    {
        using var repository = await DeployRepository.CreateAsync();
        (await BuildScript.RunAsync(Bump(repository, "c1", "t1"))).ExitCode.Should().Be(0);
        var head = await repository.HeadAsync();

        var again = await BuildScript.RunAsync(Bump(repository, "c1", "t1"));

        again.ExitCode.Should().Be(0, again.ToString());
        again.Says("c1 is already at t1 in deploy/values/components/c1.yaml: nothing to commit").Should().BeTrue(again.ToString());
        (await repository.HeadAsync()).Should().Be(head);
        (await repository.CommitCountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Skip_ci_is_added_on_request()
    {
        using var repository = await DeployRepository.CreateAsync();

        var run = await BuildScript.RunAsync(Bump(repository, "c1", "t1", "--env", "recette", "--skip-ci"));

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.SubjectsAsync())[0].Should().Be("Bump c1 (none) → t1 for recette [skip ci]");
    }

    [Fact]
    public async Task A_kustomization_entry_is_found_by_its_image_name_and_only_its_new_tag_changes()
    {
        const string file = "clusters/recette/kustomization.yaml";
        using var repository = await DeployRepository.CreateAsync(new Dictionary<string, string> { [file] = ValuesSamples.Kustomization });

        var run = await BuildScript.RunAsync(Bump(repository, "orders-api", "5e6f7a8b", "--values-file", file));

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.HeadNumstatAsync()).Should().Be($"1\t1\t{file}");
        (await repository.ReadAsync(file)).Should().Be(ValuesSamples.Kustomization.Replace("newTag: 1a2b3c4d\n  - name: registry.example.com/shop/web-ui",
            "newTag: 5e6f7a8b\n  - name: registry.example.com/shop/web-ui"));
        (await repository.SubjectsAsync())[0].Should().StartWith("Bump orders-api 1a2b3c4d → 5e6f7a8b");
    }

    [Fact]
    public async Task A_push_that_loses_the_race_is_applied_again_on_the_new_head_and_says_so()
    {
        var file = ValuesSamples.Path("c1");
        using var repository = await DeployRepository.CreateAsync(
            new Dictionary<string, string> { [file] = ValuesSamples.Marked("c1", "0000000") });
        await repository.MoveTheBranchOnPushAsync(file, Hotfix);

        var run = await BuildScript.RunAsync(Bump(repository, "c1", "t1"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Says("the push was rejected because the branch moved; applying the edits again on its new head")
            .Should().BeTrue(run.ToString());
        // the checkout's branch may map to an environment, which the subject then names ("… for dev")
        run.Says("Bump c1 hotfix1 → t1").Should().BeTrue(run.ToString());
        run.Says("after 2 attempts").Should().BeTrue(run.ToString());
        var subjects = await repository.SubjectsAsync();
        subjects[0].Should().StartWith("Bump c1 hotfix1 → t1");
        subjects.Skip(1).Should().Equal("Another pipeline's commit", "Seed the deployment repository");
        (await repository.ReadAsync(file)).Should().Be(Hotfix(ValuesSamples.Marked("c1", "t1")));
    }

    [Theory]
    [InlineData("../outside.yaml")]
    [InlineData("deploy/../../outside.yaml")]
    [InlineData("/tmp/outside.yaml")]
    [InlineData(".git/config")]
    public async Task A_values_file_outside_the_deployment_repository_is_refused_and_nothing_is_pushed(string path)
    {
        using var repository = await DeployRepository.CreateAsync();
        var head = await repository.HeadAsync();

        var run = await BuildScript.RunAsync(Bump(repository, "c1", "t1", "--values-file", path));

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Says($"'{path}' must be a file path inside the deployment repository, relative to its root")
            .Should().BeTrue(run.ToString());
        (await repository.HeadAsync()).Should().Be(head);
        (await repository.CommitCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Its_temporary_clone_is_removed_whether_it_pushes_finds_nothing_to_do_or_fails()
    {
        using var repository = await DeployRepository.CreateAsync(
            new Dictionary<string, string> { ["deploy/values/components/c2.yaml"] = "c2: [1, 2\n" });
        var temp = Directory.CreateDirectory(Path.Combine(repository.Root, "tmp")).FullName;
        var environment = new Dictionary<string, string> { ["TMPDIR"] = temp };
        string[] Clones() => Directory.GetDirectories(temp, "slipway-gitops-*");
        Task<ScriptRun> Run(string component) =>
            BuildScript.RunAsync(environment, CancellationToken.None,
                Bump(repository, component, "t1", "--verbosity", "verbose"));

        var pushed = await Run("c1");
        var unchanged = await Run("c1");
        var failed = await Run("c2");

        (pushed.ExitCode, unchanged.ExitCode, failed.ExitCode).Should()
            .Be((0, 0, 1), $"{pushed}\n{unchanged}\n{failed}");
        foreach (var run in new[] { pushed, unchanged, failed })
            run.Says($"{temp}/slipway-gitops-").Should().BeTrue($"each run clones under TMPDIR:\n{run}");
        failed.Says("deploy/values/components/c2.yaml, line").Should().BeTrue(failed.ToString());
        unchanged.Says("nothing to commit").Should().BeTrue(unchanged.ToString());
        Clones().Should().BeEmpty("each run removes the clone it made under TMPDIR");
    }

    [Fact]
    public async Task A_branch_that_does_not_exist_fails_clearly_with_exit_code_1_and_pushes_nothing()
    {
        using var repository = await DeployRepository.CreateAsync();
        var head = await repository.HeadAsync();

        var run = await BuildScript.RunAsync("BumpValues", "--skip", "--deploy-repo", repository.Url, "--deploy-branch", "nope", "--component", "c1", "--tag", "t1");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Says($"Branch 'nope' does not exist in {repository.Url} (its branches: main). Pass --deploy-branch with an existing branch. Nothing was pushed.")
            .Should().BeTrue(run.ToString());
        (await repository.HeadAsync()).Should().Be(head);
        (await repository.BranchesAsync()).Should().Equal("main");
    }

    [Fact]
    public async Task An_unreachable_repository_fails_clearly_with_exit_code_1()
    {
        using var repository = await DeployRepository.CreateAsync();
        var missing = "file://" + Path.Combine(repository.Root, "missing.git");

        var run = await BuildScript.RunAsync("BumpValues", "--skip", "--deploy-repo", missing, "--deploy-branch", "main", "--component", "c1", "--tag", "t1");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Says($"Could not clone {missing} (branch main):").Should().BeTrue(run.ToString());
        run.Says("Check --deploy-repo").Should().BeTrue(run.ToString());
        Directory.Exists(Path.Combine(repository.Root, "missing.git")).Should().BeFalse();
    }

    [Fact]
    public async Task Neither_a_token_nor_credentials_in_the_url_ever_appear_in_the_output()
    {
        using var repository = await DeployRepository.CreateAsync();
        var token = "glpat-" + Guid.NewGuid().ToString("N");
        var password = "pw-" + Guid.NewGuid().ToString("N");
        string[] forms = [token, Base64("x-access-token:" + token), password, Base64("bot:" + password), Uri.EscapeDataString(password)];

        var pushed = await BuildScript.RunAsync(Bump(repository, "c1", "t1", "--deploy-token", token, "--verbosity", "verbose"));
        var refused = await BuildScript.RunAsync("BumpValues", "--skip", "--deploy-repo", "https://127.0.0.1:9/shop/deploy.git", "--deploy-branch", "main",
            "--component", "c1", "--tag", "t1", "--deploy-token", token, "--verbosity", "verbose");
        var embedded = await BuildScript.RunAsync("BumpValues", "--skip", "--deploy-repo", $"https://bot:{password}@127.0.0.1:9/shop/deploy.git",
            "--deploy-branch", "main", "--component", "c1", "--tag", "t1", "--verbosity", "verbose");

        pushed.ExitCode.Should().Be(0, pushed.ToString());
        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Says("Could not clone https://127.0.0.1:9/shop/deploy.git").Should().BeTrue(refused.ToString());
        embedded.ExitCode.Should().Be(1, embedded.ToString());
        embedded.Says("Could not clone https://127.0.0.1:9/shop/deploy.git").Should().BeTrue(embedded.ToString());
        foreach (var run in new[] { pushed, refused, embedded })
        foreach (var form in forms)
            run.Squashed.Should().NotContain(form);
    }

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
