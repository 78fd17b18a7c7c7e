using System.Text.Json;
using Slipway.Delivery.Environments;
using Slipway.Delivery.Images;
using Slipway.Delivery.Locks;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Versioning;
using Slipway.Engine;
using Spectre.Console;

namespace Slipway.Delivery.Deploy;

public interface IRetag : IListImages
{
    // stack.env exports SLIPWAY_TARGET_REGISTRY* for tools: these parameters must not pick them up, or every deploy would relocate
    [Parameter("Retag: the registry to relocate into, host[:port][/prefix] (default: the environment's target registry)", Variables = ParameterVariables.None)]
    string? TargetRegistry => TryGetValue(() => TargetRegistry);

    [Parameter("Retag: user for the target registry", Variables = ParameterVariables.None)]
    string? TargetRegistryUsername => TryGetValue(() => TargetRegistryUsername);

    [Parameter("Retag: password for the target registry", Variables = ParameterVariables.None), Secret]
    string? TargetRegistryPassword => TryGetValue(() => TargetRegistryPassword);

    [Parameter("Retag: overwrite target tags that point at other content", Variables = ParameterVariables.PrefixedOnly)]
    bool Force => TryGetValue<bool?>(() => Force) ?? false;

    /// <summary>The target registry of this run (parameter, else the environment's, its variables expanded); null when none.</summary>
    ImageRegistry? RelocationTarget
    {
        get
        {
            var text = TargetRegistry ?? (Environment.TargetRegistry is { } declared ? VariableExpander.Expand(declared, Variable) : null);
            return string.IsNullOrWhiteSpace(text) ? null : ImageRegistry.Parse(text);
        }
    }

    RegistryCredentials? RelocationCredentials
    {
        get
        {
            var user = TargetRegistryUsername ?? (Environment.TargetRegistryUsername is { } u ? VariableExpander.Expand(u, Variable) : null);
            var password = TargetRegistryPassword ?? (Environment.TargetRegistryPassword is { } p ? VariableExpander.Expand(p, Variable) : null);
            if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password)) return null;
            BuildOutput.Current.Masker.Add(password);
            return new RegistryCredentials(user, password);
        }
    }

    Target Retag => _ => _
        .Description("Copy every image of the environment's render into its target registry by digest (artifacts/relocation-<env>.json)")
        .After<IPushImage>(x => x.PushImage)
        .OnlyWhenDynamic(() => IsInvoked(nameof(Retag)) || RelocationTarget != null,
            "the environment has no target registry to relocate images into")
        .Validates(CheckEnvironment)
        .Executes(async ct =>
        {
            await HoldOutputsAsync(ct);
            var target = RelocationTarget
                ?? throw new UsageException($"Environment '{Environment.Name}' has no target registry: pass --target-registry host[:port][/prefix].");
            // the copies are what the environment's deploys pull: its protections hold here too
            EnvironmentGuard.CheckRun(Environment, await SourceVersion.ReadAsync(RootDirectory, ct), RunImages);
            var relocations = await RelocateAsync(target, ct);
            var file = RelocationFile(Environment.Name);
            Directory.CreateDirectory(ArtifactsDirectory);
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(relocations.ToList(), ArtifactJson.Default.ListRelocation) + "\n", ct);
            Log.Information($"Wrote {file.RelativeTo(RootDirectory)}.");
        });

    async Task<IReadOnlyList<Relocation>> RelocateAsync(ImageRegistry target, CancellationToken ct)
    {
        using var targetClient = new RegistryClient(target.Host, RelocationCredentials);
        var sources = new System.Collections.Concurrent.ConcurrentDictionary<string, RegistryClient>();
        // while the releases render, both registries are asked once: connections and credentials are ready for the first copy
        var warmUp = Task.WhenAll(targetClient.PingAsync(ct), SourceClient(sources, ImageRegistry.Host).PingAsync(ct));
        var images = await FindImagesAsync(allImageKeys: false, ct);
        await warmUp;
        var relocations = new List<Relocation>();
        var targetBlobs = new TargetBlobs();
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Image").AddColumn("Digest").AddColumn("Copy").AddColumn(new TableColumn("Bytes").RightAligned());
        using var gate = new SemaphoreSlim(6);
        var rows = new List<(string Image, string Digest, string State, long Bytes)>();
        try
        {
            await Task.WhenAll(images.Select(async image =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var relocation = await RelocateOneAsync(image, target, targetClient, sources, targetBlobs, ct);
                    lock (rows)
                    {
                        relocations.Add(relocation.Relocation);
                        rows.Add((image, relocation.Relocation.Digest, relocation.State, relocation.Relocation.BytesCopied));
                    }
                }
                finally { gate.Release(); }
            }));
        }
        finally
        {
            foreach (var client in sources.Values) client.Dispose();
        }
        foreach (var row in rows.OrderBy(r => r.Image, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(row.Image), row.Digest[..19] + "…", Markup.Escape(row.State), $"{row.Bytes:N0}");
        BuildOutput.Current.Render(table);
        return relocations.OrderBy(r => r.Source, StringComparer.Ordinal).ToList();
    }

    /// <summary>Retag's record of an environment's relocation, which its deploys' post-renderer follows.</summary>
    AbsolutePath RelocationFile(string environment) => ArtifactsDirectory / $"relocation-{environment}.json";

    private RegistryClient SourceClient(System.Collections.Concurrent.ConcurrentDictionary<string, RegistryClient> sources, string registry) =>
        sources.GetOrAdd(registry, host => new RegistryClient(host, host == ImageRegistry.Host ? ImageRegistryCredentials : null));

    private async Task<(Relocation Relocation, string State)> RelocateOneAsync(string image, ImageRegistry target, RegistryClient targetClient,
        System.Collections.Concurrent.ConcurrentDictionary<string, RegistryClient> sources, TargetBlobs targetBlobs, CancellationToken ct)
    {
        var source = ImageReference.Parse(image);
        var sourceClient = SourceClient(sources, source.Registry);
        // our images go where our charts name them (target + component repository), without this run's prefix
        var targetRepository = target.RepositoryFor(source.Registry == ImageRegistry.Host
            ? ImageRegistry.RelativeRepository(source.Repository)
            : source.Repository);
        var progress = new CopyProgress
        {
            OnChange = p => Log.Debug($"{source.Repository}: {p.BlobsCopied} blobs copied ({p.BytesCopied / 1024.0 / 1024.0:0.0} MiB), {p.BlobsSkipped} present, {p.BlobsMounted} mounted"),
        };
        var copier = new ImageCopier(sourceClient, targetClient, targetBlobs: targetBlobs);
        var result = await copier.CopyAsync(source.Repository, source.Reference, targetRepository, source.Tag ?? source.Digest!, Force, progress, ct);
        if (source.Digest != null && result.SourceDigest != source.Digest)
            throw new RegistryException($"{image} resolved to {result.SourceDigest}, not its pinned digest.");
        var targetReference = $"{target.Host}/{targetRepository}" + (source.Tag != null ? ":" + source.Tag : "") + "@" + result.TargetDigest;
        var state = result.AlreadyPresent ? "already there"
            : $"{progress.BlobsCopied} copied, {progress.BlobsMounted} mounted, {progress.BlobsSkipped} present";
        Log.Information($"{image} → {target.Host}/{targetRepository}: {state} ({progress.BytesCopied / 1024.0 / 1024.0:0.0} MiB)");
        return (new Relocation(image, targetReference, result.TargetDigest, result.AlreadyPresent, progress.BytesCopied), state);
    }
}
