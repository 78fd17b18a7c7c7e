using Slipway.Delivery.Components;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Git;
using Slipway.Delivery.Images;
using Slipway.Engine;

namespace Slipway.Delivery.GitOps;

/// <summary>
/// Writes new image tags into the deployment repository's values files (this repository by default, or a GitOps one)
/// as one commit, without touching another byte, and without losing an update when several pipelines push at once.
/// </summary>
public interface IBumpValues : IHazComponents, IHazEnvironments, IHazImageRegistry
{
    [Parameter("BumpValues: the deployment repository, a URL or path (default: this repository's origin, else this repository)")]
    string? DeployRepo => TryGetValue(() => DeployRepo);

    [Parameter("BumpValues: the branch to commit to (default: the environment's deploy branch; for local, the current branch)")]
    string? DeployBranch => TryGetValue(() => DeployBranch);

    [Parameter("BumpValues: the tag to write for each --component, instead of the rebuilt images of artifacts/images.json", Variables = ParameterVariables.PrefixedOnly)]
    string? Tag => TryGetValue(() => Tag);

    [Parameter("BumpValues: the values file, relative to the deployment repository ({component} is replaced; default: deploy/values/components/{component}.yaml)", Variables = ParameterVariables.PrefixedOnly)]
    string? ValuesFile => TryGetValue(() => ValuesFile);

    [Parameter("BumpValues: the key path of the tag ({component} is replaced; default: the value marked slipway:image=<component>, else {component}.image.tag)", Variables = ParameterVariables.PrefixedOnly)]
    string? Key => TryGetValue(() => Key);

    [Parameter("BumpValues: the image digest to write with --tag (sha256:…); without it, a digest beside the tag " +
               "is emptied", Variables = ParameterVariables.PrefixedOnly)]
    string? Digest => TryGetValue(() => Digest);

    [Parameter("BumpValues: the key path of the digest with --key ({component} is replaced; default: 'digest' " +
               "beside a key named 'tag')", Variables = ParameterVariables.PrefixedOnly)]
    string? DigestKey => TryGetValue(() => DigestKey);

    [Parameter("BumpValues: token for an HTTPS deployment repository, sent as a header (never in a URL)"), Secret]
    string? DeployToken => TryGetValue(() => DeployToken);

    [Parameter("BumpValues: the user name sent with --deploy-token (default: x-access-token; GitLab job tokens: gitlab-ci-token)")]
    string? DeployTokenUser => TryGetValue(() => DeployTokenUser);

    [Parameter("BumpValues: add [skip ci] to the commit message (default: only when writing to this repository, whose CI would run again)")]
    bool? SkipCi => TryGetValue(() => SkipCi);

    Target BumpValues => _ =>
    {
        var definition = _
            .Description("Write the new image tags into the deployment repository's values files, as one commit (--component NAME --tag TAG, or the rebuilt images)")
            .RequiresTool("git");
        if (this is IPushImage) definition = definition.After<IPushImage>(x => x.PushImage);
        return definition.Executes(async ct =>
        {
            var bumps = RequestedBumps();
            if (bumps.Count == 0)
            {
                if (RecordedImages != null)
                    Log.Information($"No image was rebuilt (see {ImagesFile.RelativeTo(RootDirectory)}): every " +
                                    "values file keeps its tag, nothing to bump.");
                return;
            }
            var environment = BumpEnvironment();
            var credentials = DeployToken != null ? new GitCredentials(DeployToken, DeployTokenUser ?? "x-access-token") : null;
            var resolver = new DeployTargetResolver(RootDirectory, EnvironmentVariables, new GitClient(credentials));
            var target = await resolver.ResolveAsync(DeployRepo, DeployBranch, environment, ct);
            Log.Information($"Bumping {string.Join(", ", bumps.Select(b => $"{b.Component} to {b.Tag}"))} in {GitRemote.Parse(target.Repository).Url} (branch {target.Branch})" +
                            (environment != null ? $" for {environment.Name}" : ""));
            await ValuesBumper.BumpAsync(new BumpRequest(target.Repository, target.Branch, bumps)
            {
                Environment = environment?.Name,
                SkipCi = SkipCi ?? target.IsThisRepository,
                Credentials = credentials,
            }, ct);
        });
    };

    /// <summary>
    /// The tags to write: <c>--tag</c> for each <c>--component</c> (any name: a GitOps repository may hold components this build
    /// does not declare); otherwise the selected components that images.json says were rebuilt (an unchanged image keeps its tag).
    /// </summary>
    IReadOnlyList<TagBump> RequestedBumps()
    {
        var valuesFile = ValuesFile != null ? BumpArguments.ValuesFile(ValuesFile) : null;
        var key = Key != null ? BumpArguments.Key(Key) : null;
        var digestKey = DigestKey != null ? BumpArguments.Key(DigestKey, "--digest-key") : null;
        if (digestKey != null && key == null)
            throw new UsageException("--digest-key goes with --key: without --key, the digest goes where the tag's " +
                                     "file marks it, or beside the tag.");
        TagBump Bump(string component, string tag, string? digest) => TagBump.For(BumpArguments.Component(component),
            BumpArguments.Tag(tag), valuesFile, key, digest, digestKey) with
        {
            ImageNames = Components.FirstOrDefault(c => c.Name == component) is { } known ? [component, known.Repository] : [component],
        };
        if (Digest != null && Tag == null)
            throw new UsageException("--digest goes with --tag: --component NAME --tag TAG --digest sha256:…; the " +
                                     "rebuilt images' digests come from artifacts/images.json.");
        if (Tag != null)
        {
            if (Component.Length == 0) throw new UsageException("--tag needs the component(s) it is for: --component NAME --tag TAG.");
            var digest = Digest != null ? BumpArguments.Digest(Digest) : null;
            if (digest != null && Component.Distinct().Count() > 1)
                throw new UsageException("--digest names one image: give it with a single --component.");
            WarnWhereNoDigestGoes(key, digestKey, digest != null);
            return Component.Distinct().Select(name => Bump(name, Tag, digest)).ToList();
        }
        var images = RecordedImages;
        if (images == null)
        {
            if (Component.Length > 0)
                throw new TargetFailedException("No image was built in this run " +
                                                $"({ImagesFile.RelativeTo(RootDirectory)} does not exist): run " +
                                                "PushImage first, or pass --tag.");
            // e.g. a pipeline whose changes touched no component: its image jobs did not run
            Log.Information($"No image was built in this run (no {ImagesFile.RelativeTo(RootDirectory)}, no " +
                            $"{ImageRecordsDirectory.RelativeTo(RootDirectory)}/): nothing to bump. To bump by hand: " +
                            "--component NAME --tag TAG.");
            return [];
        }
        var bumps = new List<TagBump>();
        foreach (var component in SelectedComponents)
        {
            if (images.FirstOrDefault(i => i.Component == component.Name) is not { } image)
            {
                if (Component.Length > 0)
                    throw new TargetFailedException($"{component.Name} is not in this run's images " +
                                                    $"({ImagesFile.RelativeTo(RootDirectory)}): run PushImage for " +
                                                    "it, or pass --tag.");
                continue;
            }
            if (image.Rebuilt)
                bumps.Add(Bump(component.Name, image.TagToDeploy, image.Digest.Length > 0 ? image.Digest : null));
            else Log.Information($"{component.Name}: image unchanged, its values keep the tag already deployed.");
        }
        WarnWhereNoDigestGoes(key, digestKey, bumps.Any(b => b.Digest != null));
        return bumps;
    }

    /// <summary>
    /// A --key not named 'tag' gives the digest no place beside it: said, whether there is one or not.
    /// </summary>
    static void WarnWhereNoDigestGoes(string? key, string? digestKey, bool hasDigest)
    {
        if (key == null || digestKey != null || TagBump.DigestBeside(Values.KeyPath.Parse(
                key.Replace("{component}", "component", StringComparison.Ordinal))) != null) return;
        Log.Warning(hasDigest
            ? $"--key {key} does not end in 'tag', so the digest has no place beside it and is not written: " +
              "pass --digest-key to write it."
            : $"--key {key} does not end in 'tag': a digest kept elsewhere for this image is not emptied, and " +
              "would still pin the previous image; pass --digest-key to empty it.");
    }

    /// <summary>
    /// The run's environment, named in the commit message. When git cannot be read, a named one is still found; when none
    /// can be told (a branch that maps to no environment) and --deploy-branch says where to write, the bump goes ahead without.
    /// </summary>
    DeploymentEnvironment? BumpEnvironment()
    {
        try
        {
            return Environment;
        }
        catch (TargetFailedException) when (Env != null)
        {
            return EnvironmentResolver.Resolve(Environments, Env, EnvironmentVariables, null, []);
        }
        catch (Exception e) when (Env == null && DeployBranch != null && e is UsageException or TargetFailedException)
        {
            Log.Debug($"No environment for the commit message: {e.Message}");
            return null;
        }
    }
}
