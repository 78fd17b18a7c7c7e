using Slipway.Delivery.Ci.Page;
using Slipway.Delivery.Ci.Planning;
using Slipway.Engine;

namespace Slipway.Delivery.Ci;

/// <summary>Generates the CI files (GitLab CI, GitHub Actions) from the target graph and the build's <see cref="Ci"/> declaration.</summary>
public interface IGenerateCi : ISlipwayBuild
{
    /// <summary>Which jobs CI runs, for which environments, on which CI systems.</summary>
    CiDeclaration Ci { get; }

    [Parameter("GenerateCi: write nothing; fail with a diff when the committed CI files differ from what would be generated")]
    bool Check => TryGetValue<bool?>(() => Check) ?? false;

    Target GenerateCi => _ => _
        .Description("Write .gitlab-ci.yml, .github/workflows/*.yml and the README's CI jobs section from the " +
                     "target graph (--check: fail when they are stale)")
        .Executes(() =>
        {
            var readme = RootDirectory / CiJobsPage.FileName;
            var files = CiGenerator.Generate(Ci, CiBuildFacts.Of(this),
                readme.FileExists ? File.ReadAllText(readme) : null);
            if (Check)
            {
                var differences = files.Differences(RootDirectory);
                if (differences.Count == 0)
                {
                    Log.Information($"CI files are current: {string.Join(", ", files.Files.Keys)}.");
                    return;
                }
                foreach (var difference in differences) BuildOutput.Current.Raw(difference);
                throw new TargetFailedException($"{differences.Count} CI file(s) differ from what the build generates: run ./build.sh GenerateCi and commit the result.");
            }
            var touched = files.Write(RootDirectory);
            Log.Information(touched.Count == 0
                ? $"CI files already current: {string.Join(", ", files.Files.Keys)}."
                : $"Wrote {string.Join(", ", touched)}.");
        });
}
