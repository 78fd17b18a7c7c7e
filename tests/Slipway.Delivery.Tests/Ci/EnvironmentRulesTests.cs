using FluentAssertions;
using Slipway.Delivery.Ci.GitHub;
using Slipway.Delivery.Ci.GitLab;
using Slipway.Delivery.Environments;
using Xunit;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>
/// This repository's CI: branches and tags map to environments the way the build resolves them; deploys are locked,
/// gated, named.
/// </summary>
public sealed class EnvironmentRulesTests
{
    private readonly IReadOnlyDictionary<string, string> _files = RepositoryBuild.Files();
    private string GitLab => _files[".gitlab-ci.yml"];
    private string GitHub => _files[".github/workflows/delivery.yml"];

    [Theory]
    [InlineData("feature/*", "feature/JIRA-142-new-pricing")]
    [InlineData("feature/*", "feature/a/b")]
    [InlineData("prod.v*", "prod.v1.0.0")]
    [InlineData("prod.v*", "prodXv1")]
    [InlineData("release/**", "release/2024/q1")]
    [InlineData("hotfix-?", "hotfix-1")]
    [InlineData("a+b(c)", "a+b(c)")]
    public void GitLab_regexes_match_exactly_what_the_build_matches(string glob, string name)
    {
        var regex = GitLabConditions.Regex(glob).Replace(@"\/", "/");

        System.Text.RegularExpressions.Regex.IsMatch(name, regex).Should().Be(Glob.IsMatch(glob, name));
    }

    [Fact]
    public void GitLab_workflow_rules_drop_skip_ci_and_merge_request_pipelines_then_map_tags_branches_and_the_rest()
    {
        GitLab.Should().Contain("""
              rules:
                - if: $CI_COMMIT_BRANCH && $CI_COMMIT_MESSAGE =~ /\[skip ci\]/
                  when: never
                - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                  when: never
                - if: $CI_COMMIT_TAG =~ /^prod\.v[^\/]*$/
                  variables:
                    SLIPWAY_ENV: prod
                - if: $CI_COMMIT_BRANCH == "master" || $CI_COMMIT_BRANCH == "main"
                  variables:
                    SLIPWAY_ENV: dev
            """);
        GitLab.Should().Contain("""
                - if: $CI_COMMIT_BRANCH
                  variables:
                    SLIPWAY_ENV: local

            """);
    }

    [Fact]
    public void GitLab_prod_waits_for_a_person_then_deploys_one_at_a_time()
    {
        GitLab.Should().Contain("retag-prod:\n  stage: retag\n  needs:\n    - compile\n" +
                                "    - job: images-orders-api\n      optional: true\n");
        GitLab.Should().Contain("""
                - job: stack-test
                  artifacts: false
              rules:
                - if: $SLIPWAY_ENV == "prod"
                  when: manual
              interruptible: false
              resource_group: deploy-prod
              environment:
                name: prod
              variables:
            """);
        GitLab.Should().Contain("""
              script:
                - ./build.sh Retag --no-logo
            """);
        GitLab.Should().Contain("""
                - job: stack-test
                  artifacts: false
              rules:
                - if: $SLIPWAY_ENV == "recette"
              interruptible: false
              resource_group: deploy-recette
              environment:
                name: recette
              variables:
            """);
    }

    [Fact]
    public void GitLab_previews_name_their_stop_job_which_destroys_the_branch_preview()
    {
        GitLab.Should().Contain("""
              resource_group: deploy-preview-$CI_COMMIT_REF_SLUG
              environment:
                name: preview/$CI_COMMIT_REF_SLUG
                on_stop: stop-preview
              variables:
                SLIPWAY_PREVIEW_BRANCH: $CI_COMMIT_REF_NAME
            """);
        GitLab.Should().Contain("""
            stop-preview:
              stage: stop
              needs: []
              rules:
                - if: $SLIPWAY_ENV == "preview"
                  when: manual
              allow_failure: true
              interruptible: false
              resource_group: deploy-preview-$CI_COMMIT_REF_SLUG
              environment:
                name: preview/$CI_COMMIT_REF_SLUG
                action: stop
            """);
    }

    [Fact]
    public void GitHub_selects_the_environment_from_the_ref_and_locks_each_deploy()
    {
        GitHub.Should().Contain("SLIPWAY_ENV: ${{ (startsWith(github.ref, 'refs/tags/prod.v')) && 'prod' || (github.ref == 'refs/heads/master' || github.ref == 'refs/heads/main') && 'dev' || ");
        GitHub.Should().Contain("startsWith(github.ref, 'refs/heads/') && 'local' || '' }}");
        GitHub.Should().Contain("""
              deploy-recette:
                needs: [compile, images, test, stack-test]
                if: "!cancelled() && !failure() && (github.ref == 'refs/heads/recette')"
                runs-on: ubuntu-24.04
                environment:
                  name: recette
                concurrency:
                  group: deploy-recette
                  cancel-in-progress: false
            """);
        GitHub.Should().Contain("group: deploy-preview-${{ github.ref_name }}");
    }

    [Fact]
    public void GitHub_releases_a_gated_environment_with_one_approval()
    {
        // Each job naming a protected environment waits for its own approval: prod's retag and deploy share one job.
        GitHub.Should().Contain("""
              # prod is gated: protect the GitHub environment 'prod' with required reviewers.
              # One approval releases it: this job runs retag-prod, then deploy-prod.
              deploy-prod:
                needs: [compile, images, test, stack-test]
                if: "!cancelled() && !failure() && (startsWith(github.ref, 'refs/tags/prod.v'))"
                runs-on: ubuntu-24.04
                environment:
                  name: prod
            """);
        GitHub.Should().NotContain("retag-prod:");
        GitHub.Split("name: prod\n").Length.Should().Be(2, "one job names the prod environment");
        var steps = GitHub[GitHub.IndexOf("  deploy-prod:", StringComparison.Ordinal)..];
        steps.IndexOf("- run: ./build.sh Retag --no-logo", StringComparison.Ordinal).Should()
            .BeLessThan(steps.IndexOf("- run: ./build.sh DeployBase DeployApps --skip Retag", StringComparison.Ordinal))
            .And.BePositive();
    }

    [Fact]
    public void GitLab_jobs_run_in_the_pinned_sdk_image_and_image_jobs_reach_docker_in_docker_over_tls()
    {
        GitLab.Should().Contain("default:\n  image: mcr.microsoft.com/dotnet/sdk:10.0.100\n");
        GitLab.Should().Contain("""
            .images:
              stage: images
              services:
                - name: docker:27.5.1-dind
                  alias: docker
            """);
        GitLab.Should().Contain("""
                DOCKER_HOST: tcp://docker:2376
                DOCKER_TLS_CERTDIR: /certs
                DOCKER_TLS_VERIFY: '1'
                DOCKER_CERT_PATH: /certs/client
              script:
                - ./build.sh DockerBuild PushImage --no-logo
            """);
        GitLab.Split("services:").Length.Should().Be(2, "only the image job uses docker");
    }

    [Fact]
    public void Registry_settings_default_to_gitlabs_own_registry_unless_a_project_variable_sets_them()
    {
        GitLab.Should().Contain("""
                SLIPWAY_REGISTRY: $CI_REGISTRY_IMAGE
                SLIPWAY_REGISTRY_USERNAME: $CI_REGISTRY_USER
                SLIPWAY_REGISTRY_PASSWORD: $CI_REGISTRY_PASSWORD
            """);
        GitLab.Should().Contain("#   SLIPWAY_REGISTRY_PASSWORD: secret (default $CI_REGISTRY_PASSWORD)");
    }

    [Fact]
    public void Tests_needing_the_local_stack_run_on_the_declared_self_hosted_runner_and_the_rest_anywhere()
    {
        GitLab.Should().Contain("""
            stack-test:
              stage: stack-test
              tags: [slipway-stack]
            """);
        GitLab.Should().Contain("SLIPWAY_TEST_FILTER: Category!=LocalStack&Category!=RealClients");
        // The runner cleans the checkout before the next job, so the job stops the stack whatever its tests did.
        GitLab.Should().Contain("""
              script:
                - ./build.sh StackTests --skip Compile --no-logo
              after_script:
                - ./build.sh StackDown --no-logo
            """);
        GitHub.Should().Contain("""
                  - run: ./build.sh StackTests --skip Compile --no-logo
                  - if: always()
                    run: ./build.sh StackDown --no-logo
            """);
        GitHub.Should().Contain("  stack-test:\n").And.Contain("    runs-on: [self-hosted, slipway-stack]\n");
        GitHub.Split("self-hosted").Length.Should().Be(2, "only stack-test needs the self-hosted runner");
    }

    [Fact]
    public void Runner_tags_image_and_docker_service_are_set_in_the_declaration()
    {
        var files = RepositoryBuild.Files(new CustomRunnersBuild());

        files[".gitlab-ci.yml"].Should()
            .Contain("default:\n  image: registry.example.com/sdk:10.0.100-custom\n  tags: [docker, linux]\n")
            .And.Contain("- name: docker:28.0.0-dind\n")
            .And.Contain("SLIPWAY_REGISTRY: $HARBOR_PROJECT");
    }

    [Fact]
    public void GitHub_stops_a_preview_when_its_branch_is_deleted()
    {
        var stop = _files[".github/workflows/delivery-stop-preview.yml"];

        stop.Should().Contain("on: [delete]");
        stop.Should().Contain("if: github.event.ref_type == 'branch' && (startsWith(github.event.ref, 'feature/') " +
                              "|| startsWith(github.event.ref, 'bug/') || startsWith(github.event.ref, 'epic/'))");
        stop.Should().Contain("SLIPWAY_PREVIEW_BRANCH: ${{ github.event.ref }}");
        stop.Should().Contain("group: deploy-preview-${{ github.event.ref }}");
        stop.Should().Contain("- run: ./build.sh DestroyPreview --no-logo");
    }

    [Fact]
    public void Secrets_are_referenced_by_name_and_never_written()
    {
        GitHub.Should().Contain("KUBECONFIG_PROD: ${{ secrets.KUBECONFIG_PROD }}")
            .And.Contain("TARGET_REPO: ${{ vars.TARGET_REPO }}")
            .And.Contain("TARGET_REPO_PASSWORD: ${{ secrets.TARGET_REPO_PASSWORD }}")
            .And.Contain("SLIPWAY_REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}")
            .And.Contain("SLIPWAY_SECRET_ORDERS_DB_PASSWORD: ${{ secrets.SLIPWAY_SECRET_ORDERS_DB_PASSWORD }}")
            .And.NotContain("SLIPWAY_TARGET_REGISTRY");   // the laptop fallback of ${TARGET_REPO:-…}
        GitLab.Should().Contain("#   KUBECONFIG_PROD: secret").And.Contain("#   SLIPWAY_REGISTRY_PASSWORD: secret");
    }

    [Fact]
    public void A_secret_parameter_a_job_reads_is_referenced_by_name_never_by_its_default_value()
    {
        var files = RepositoryBuild.Files(new BuildWithDefaultedSecret());

        files[".gitlab-ci.yml"].Should().Contain("#   SLIPWAY_API_KEY: secret", "the job reads the parameter");
        files[".github/workflows/delivery.yml"].Should().Contain("SLIPWAY_API_KEY: ${{ secrets.API_KEY }}");
        files.Values.Should().OnlyContain(text => !text.Contains(BuildWithDefaultedSecret.Default));
    }

    [Fact]
    public void Parameters_are_passed_as_slipway_variables()
    {
        const string filter = "Category!=LocalStack&Category!=RealClients";
        GitLab.Should().Contain($"  variables:\n    SLIPWAY_TEST_FILTER: {filter}\n");
        GitHub.Should().Contain($"    env:\n      SLIPWAY_TEST_FILTER: {filter}\n");
    }

    [Fact]
    public void Bump_commits_do_not_start_another_pipeline_and_may_push()
    {
        GitHub.Should().Contain("if: (github.ref_type != 'branch' || !contains(github.event.head_commit.message, '[skip ci]'))");
        GitHub.Should().Contain("  bump-values:\n    needs: [compile, images, test, stack-test]\n")
            .And.Contain("    permissions:\n      contents: write\n");
    }

    [Fact]
    public void Both_systems_cache_nuget_packages()
    {
        GitLab.Should().Contain("NUGET_PACKAGES: $CI_PROJECT_DIR/.nuget/packages").And.Contain("cache:\n    key: nuget\n    paths:\n      - .nuget/packages/");
        GitHub.Should().Contain("- uses: actions/cache@v4\n        with:\n          path: ~/.nuget/packages");
    }
}
