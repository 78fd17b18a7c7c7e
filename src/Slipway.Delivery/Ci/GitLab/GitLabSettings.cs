using Slipway.Delivery.Ci.Planning;
using Slipway.Delivery.Images;

namespace Slipway.Delivery.Ci;

/// <summary>
/// GitLab CI options for runners with the docker executor (GitLab.com's shared runners, most self-managed ones): the
/// image jobs run in, the runner tags, the docker-in-docker service of jobs that use docker, and defaults a project
/// variable of the same name overrides (the registry defaults to the project's own GitLab registry).
/// </summary>
public sealed class GitLabSettings
{
    public const string FileName = ".gitlab-ci.yml";
    /// <summary>
    /// docker:dind serves TLS on 2376 under its service alias; the client certificates land in this folder.
    /// </summary>
    public const string DockerHost = "tcp://docker:2376";
    public const string DockerCertificates = "/certs";

    private readonly List<string> _runnerTags = [];
    private readonly Dictionary<string, string> _defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(IHazImageRegistry.Registry)] = "$CI_REGISTRY_IMAGE",
        [nameof(IHazImageRegistry.RegistryUsername)] = "$CI_REGISTRY_USER",
        [nameof(IHazImageRegistry.RegistryPassword)] = "$CI_REGISTRY_PASSWORD",
    };

    /// <summary>Tags every job asks its runner for (jobs declared <c>OnRunner</c> ask for theirs instead).</summary>
    public IReadOnlyList<string> RunnerTags => _runnerTags;
    /// <summary>The image jobs run in; null: the .NET SDK image of the version global.json pins.</summary>
    public string? Image { get; private set; }
    /// <summary>
    /// The docker-in-docker service image of jobs that use docker (pinned: a floating tag changes under you).
    /// </summary>
    public string DockerService { get; private set; } = "docker:27.5.1-dind";
    /// <summary>
    /// Parameter name → the value its job variable takes unless a project variable of that name is set.
    /// </summary>
    public IReadOnlyDictionary<string, string> Defaults => _defaults;

    public GitLabSettings Tags(params string[] tags) { _runnerTags.AddRange(tags); return this; }
    public GitLabSettings JobImage(string image) { Image = image; return this; }
    public GitLabSettings DockerInDocker(string serviceImage) { DockerService = serviceImage; return this; }

    /// <summary>
    /// The value a parameter's variable defaults to in every job reading it, e.g. a predefined variable.
    /// </summary>
    public GitLabSettings Default(string parameterName, string value) { _defaults[parameterName] = value; return this; }

    /// <summary>The default these settings give the parameter behind an input, if any.</summary>
    public string? DefaultFor(CiInput input) =>
        _defaults.FirstOrDefault(d => CiBuildFacts.VariableOf(d.Key) == input.Variable).Value;

    /// <summary>The SDK image of the .NET SDK version global.json pins, as Microsoft publishes it.</summary>
    public static string SdkImage(string sdkVersion) => $"mcr.microsoft.com/dotnet/sdk:{sdkVersion}";
}
