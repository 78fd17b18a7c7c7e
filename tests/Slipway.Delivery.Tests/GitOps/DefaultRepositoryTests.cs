using FluentAssertions;
using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>
/// What BumpValues writes to when not told: the repository being built, through its origin, with [skip ci]; and the
/// branch that follows from the environment.
/// </summary>
public sealed class DefaultRepositoryTests
{
    /// <summary>A checkout of <paramref name="repository"/> on <paramref name="branch"/>, as CI or a developer has it.</summary>
    private static async Task<string> CheckoutAsync(DeployRepository repository, string branch = DeployRepository.Branch)
    {
        var checkout = Path.Combine(repository.Root, "checkout");
        await TestGit.RunAsync(repository.Root, "clone", "--quiet", "--branch", branch, repository.Path, checkout);
        return checkout;
    }

    [Fact]
    public async Task This_repository_is_written_through_its_origin_on_the_current_branch_with_skip_ci()
    {
        using var repository = await DeployRepository.CreateAsync(new Dictionary<string, string> { [ValuesSamples.Path("orders-api")] = ValuesSamples.Marked("orders-api", "1a2b3c4d") });
        var checkout = await CheckoutAsync(repository);

        var run = GitOpsTestBuild.Run(checkout, "BumpValues", "--component", "orders-api", "--tag", "5e6f7a8b", "--env", "dev");

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.SubjectsAsync())[0].Should().Be("Bump orders-api 1a2b3c4d → 5e6f7a8b for dev [skip ci]");
        (await repository.HeadNumstatAsync()).Should().Be("1\t1\tdeploy/values/components/orders-api.yaml");
        File.ReadAllText(Path.Combine(checkout, ValuesSamples.Path("orders-api"))).Should().Be(ValuesSamples.Marked("orders-api", "1a2b3c4d"),
            "the bump is a commit on the remote branch; the checkout being built is left as it is");
    }

    [Fact]
    public async Task Skip_ci_can_be_turned_off_and_the_message_keeps_everything_else()
    {
        using var repository = await DeployRepository.CreateAsync();
        var checkout = await CheckoutAsync(repository);

        var run = GitOpsTestBuild.Run(checkout, "BumpValues", "--component", "orders-api", "--tag", "5e6f7a8b", "--env", "dev", "--skip-ci", "false");

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.SubjectsAsync())[0].Should().Be("Bump orders-api (none) → 5e6f7a8b for dev");
        (await repository.HeadMessageAsync()).Should().Contain("deploy/values/components/orders-api.yaml: orders-api (none) → 5e6f7a8b (new file)");
    }

    [Fact]
    public async Task For_local_the_current_branch_is_used()
    {
        using var repository = await DeployRepository.CreateAsync();
        var checkout = await CheckoutAsync(repository);
        await TestGit.RunAsync(checkout, "push", "--quiet", "origin", "main:feature/pricing");
        await TestGit.RunAsync(checkout, "checkout", "--quiet", "-b", "feature/pricing", "--track", "origin/feature/pricing");

        var run = GitOpsTestBuild.Run(checkout, "BumpValues", "--component", "orders-api", "--tag", "5e6f7a8b", "--env", "local");

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.CommitCountAsync()).Should().Be(1, "main is not the current branch");
        (await TestGit.RunAsync(repository.Root, "--git-dir", repository.Path, "log", "-1", "--format=%s", "feature/pricing")).Trim()
            .Should().Be("Bump orders-api (none) → 5e6f7a8b for local [skip ci]");
    }

    [Fact]
    public async Task Without_an_origin_it_refuses_to_push_into_its_own_checked_out_branch()
    {
        using var repository = await DeployRepository.CreateAsync();
        var checkout = await CheckoutAsync(repository);
        await TestGit.RunAsync(checkout, "remote", "remove", "origin");

        var run = GitOpsTestBuild.Run(checkout, "BumpValues", "--component", "orders-api", "--tag", "5e6f7a8b", "--env", "dev");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Says("BumpValues would push to the checked-out branch 'main' of this working copy (it has no origin remote), which git refuses.").Should().BeTrue(run.ToString());
        (await TestGit.RunAsync(checkout, "rev-list", "--count", "HEAD")).Trim().Should().Be("1");
    }

    [Fact]
    public async Task Another_repository_gets_the_environment_s_branch_or_for_local_its_default_branch()
    {
        using var repository = await DeployRepository.CreateAsync();
        var root = Directory.CreateTempSubdirectory("slipway-build-root-").FullName;
        try
        {
            var local = GitOpsTestBuild.Run(root, "BumpValues", "--deploy-repo", repository.Url, "--env", "local", "--component", "c1", "--tag", "t1");
            var dev = GitOpsTestBuild.Run(root, "BumpValues", "--deploy-repo", repository.Url, "--env", "dev", "--component", "c1", "--tag", "t2");
            var recette = GitOpsTestBuild.Run(root, "BumpValues", "--deploy-repo", repository.Url, "--env", "recette", "--component", "c1", "--tag", "t3");

            local.ExitCode.Should().Be(0, local.ToString());
            dev.ExitCode.Should().Be(0, dev.ToString());
            (await repository.SubjectsAsync()).Take(2).Should().Equal("Bump c1 t1 → t2 for dev", "Bump c1 (none) → t1 for local");
            recette.ExitCode.Should().Be(1);
            recette.Says("Branch 'recette' does not exist in").Should().BeTrue(recette.ToString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
