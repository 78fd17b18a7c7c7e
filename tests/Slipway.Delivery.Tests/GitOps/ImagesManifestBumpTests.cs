using FluentAssertions;
using Slipway.Delivery.Images;
using Xunit;

namespace Slipway.Delivery.Tests.GitOps;

/// <summary>BumpValues without --tag: the tags come from artifacts/images.json, and only rebuilt images are bumped.</summary>
public sealed class ImagesManifestBumpTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("slipway-build-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly string[] Apps = ["orders-api", "orders-worker", "web-ui"];

    private static Task<DeployRepository> SeededRepository() =>
        DeployRepository.CreateAsync(Apps.ToDictionary(ValuesSamples.Path, c => ValuesSamples.Marked(c, "1a2b3c4d")));

    private void WriteImages(params (string Component, bool Rebuilt)[] images) =>
        ImagesManifest.Write(Path.Combine(_root, "artifacts", "images.json"), images.Select(Image).ToList());

    /// <summary>What a CI job building one component hands on: its record and images.json.</summary>
    private void WriteJobArtifacts(string component, bool rebuilt)
    {
        var job = Directory.CreateTempSubdirectory("slipway-image-job-").FullName;
        ImagesManifest.WriteRecords(Path.Combine(job, "images"), [Image((component, rebuilt))]);
        ImagesManifest.Write(Path.Combine(job, "images.json"), [Image((component, rebuilt))]);
        // GitLab extracts each needed job's artifacts over the same folder: later ones overwrite images.json
        Directory.CreateDirectory(Path.Combine(_root, "artifacts", "images"));
        foreach (var file in Directory.GetFiles(Path.Combine(job, "images")))
            File.Copy(file, Path.Combine(_root, "artifacts", "images", Path.GetFileName(file)), overwrite: true);
        File.Copy(Path.Combine(job, "images.json"), Path.Combine(_root, "artifacts", "images.json"), overwrite: true);
        Directory.Delete(job, recursive: true);
    }

    private static BuiltImage Image((string Component, bool Rebuilt) i) => new()
    {
        Component = i.Component,
        Registry = "registry.example.com",
        Repository = "shop/" + i.Component,
        Tags = ["5e6f7a8b"],
        Digest = "sha256:" + new string('0', 64),
        InputsDigest = "sha256:" + new string('1', 64),
        Rebuilt = i.Rebuilt,
        InputsTag = "inputs-111111111111111111",
        DeployTag = i.Rebuilt ? null : "1a2b3c4d",
    };

    [Fact]
    public async Task The_records_of_jobs_that_each_built_one_component_are_bumped_together()
    {
        using var repository = await SeededRepository();
        WriteJobArtifacts("orders-api", rebuilt: true);
        WriteJobArtifacts("web-ui", rebuilt: true);

        var run = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch", "main",
            "--env", "recette");

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.SubjectsAsync())[0].Should()
            .Be("Bump orders-api 1a2b3c4d → 5e6f7a8b, web-ui 1a2b3c4d → 5e6f7a8b for recette");
        (await repository.ReadAsync(ValuesSamples.Path("orders-worker"))).Should()
            .Be(ValuesSamples.Marked("orders-worker", "1a2b3c4d"), "no job built it: its values keep their tag");
    }

    [Fact]
    public async Task Only_rebuilt_images_are_bumped_in_one_commit()
    {
        using var repository = await SeededRepository();
        WriteImages(("orders-api", true), ("orders-worker", true), ("web-ui", false));

        var run = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch", "main", "--env", "recette");

        run.ExitCode.Should().Be(0, run.ToString());
        (await repository.CommitCountAsync()).Should().Be(2);
        (await repository.SubjectsAsync())[0].Should().Be("Bump orders-api 1a2b3c4d → 5e6f7a8b, orders-worker 1a2b3c4d → 5e6f7a8b for recette");
        (await repository.HeadNumstatAsync()).Should().Be("2\t1\tdeploy/values/components/orders-api.yaml\n2\t1\tdeploy/values/components/orders-worker.yaml",
            "each file's tag line changes and its image's digest is added beside it");
        (await repository.ReadAsync(ValuesSamples.Path("orders-api"))).Should().Be(
            ValuesSamples.Marked("orders-api", "5e6f7a8b").TrimEnd('\n') + "\n    digest: sha256:" + new string('0', 64) + "\n");
        (await repository.ReadAsync(ValuesSamples.Path("web-ui"))).Should().Be(ValuesSamples.Marked("web-ui", "1a2b3c4d"));
        run.Says("web-ui: image unchanged, its values keep the tag already deployed.").Should().BeTrue(run.ToString());
    }

    [Fact]
    public async Task Nothing_rebuilt_means_nothing_is_cloned_or_committed()
    {
        using var repository = await SeededRepository();
        WriteImages(("orders-api", true), ("web-ui", false));

        var run = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch", "main", "--component", "web-ui");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Says("No image was rebuilt").Should().BeTrue(run.ToString());
        (await repository.CommitCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Without_images_for_a_named_component_or_with_an_unknown_one_it_fails_and_says_why()
    {
        using var repository = await SeededRepository();

        var missing = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch",
            "main", "--component", "web-ui");
        var nothingBuilt = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch",
            "main");
        WriteImages(("orders-api", true));
        var unknown = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch", "main", "--component", "orders-apy");
        var tagWithoutComponent = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch", "main", "--tag", "t1");

        missing.ExitCode.Should().Be(1, missing.ToString());
        missing.Says("images.json does not exist): run PushImage first").Should().BeTrue(missing.ToString());
        // a pipeline whose changes touched no component ran no image job: nothing to bump, and that is no failure
        nothingBuilt.ExitCode.Should().Be(0, nothingBuilt.ToString());
        nothingBuilt.Says("No image was built in this run").Should().BeTrue(nothingBuilt.ToString());
        unknown.ExitCode.Should().Be(1, unknown.ToString());
        unknown.Says("Unknown component 'orders-apy'. Did you mean 'orders-api'?").Should().BeTrue(unknown.ToString());
        tagWithoutComponent.ExitCode.Should().Be(1, tagWithoutComponent.ToString());
        tagWithoutComponent.Says("--tag needs the component(s) it is for").Should().BeTrue(tagWithoutComponent.ToString());
        (await repository.CommitCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task With_tag_any_component_name_is_accepted_and_bad_names_or_tags_are_refused()
    {
        using var repository = await SeededRepository();

        var several = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch", "main", "--env", "dev",
            "--component", "web-ui", "payments", "--tag", "9f9f9f9f");
        var badTag = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch", "main", "--component", "c1", "--tag", "latest:1");
        var badName = GitOpsTestBuild.Run(_root, "BumpValues", "--deploy-repo", repository.Url, "--deploy-branch", "main", "--component", "../c1", "--tag", "t1");

        several.ExitCode.Should().Be(0, several.ToString());
        (await repository.SubjectsAsync())[0].Should().Be("Bump web-ui 1a2b3c4d → 9f9f9f9f, payments (none) → 9f9f9f9f for dev");
        (await repository.HeadNameStatusAsync()).Should().Be("A\tdeploy/values/components/payments.yaml\nM\tdeploy/values/components/web-ui.yaml");
        badTag.ExitCode.Should().Be(1);
        badTag.Says("'latest:1' is not a valid image tag").Should().BeTrue(badTag.ToString());
        badName.ExitCode.Should().Be(1);
        badName.Says("'../c1' is not a valid component name").Should().BeTrue(badName.ToString());
        (await repository.CommitCountAsync()).Should().Be(2);
    }
}
