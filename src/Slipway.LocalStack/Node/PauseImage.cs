using System.Formats.Tar;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Engine;

namespace Slipway.LocalStack.Node;

/// <summary>
/// The pods' sandbox image, made here since no public registry is reachable: a static Go program
/// (<c>pause/pause.go</c>) in an image FROM scratch, pushed to the stack's registry.
/// </summary>
public sealed class PauseImage(StackPaths paths, string registry, DockerEndpoint engine)
{
    public const string Repository = "slipway-base/pause";
    public const string Tag = "3.2";

    public string Reference => $"{registry}/{Repository}:{Tag}";
    private AbsolutePath Source => paths.PauseSource;
    private AbsolutePath Binary => paths.Cache / "images" / "pause" / $"pause-{SourceHash()}";

    /// <summary>Builds and pushes the image unless the registry has it; returns whether it was pushed.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        using var registryClient = new RegistryClient(registry);
        if (await registryClient.HeadManifestAsync(Repository, Tag, ct) != null) return false;
        if (!Binary.FileExists) await CompileAsync(ct);
        var context = Directory.CreateTempSubdirectory("slipway-pause-image-");
        try
        {
            File.Copy(Binary, Path.Combine(context.FullName, "pause"));
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"),
                "FROM scratch\nCOPY pause /pause\nENTRYPOINT [\"/pause\"]\n", ct);
            using var tar = new MemoryStream();
            await TarFile.CreateFromDirectoryAsync(context.FullName, tar, includeBaseDirectory: false, ct);
            tar.Position = 0;
            using var docker = DockerEngine.Connect(engine);
            await docker.BuildAsync(new DockerBuildRequest { Tags = [Reference] }, tar, Log.Debug, ct);
            await docker.PushAsync($"{registry}/{Repository}", Tag, null, Log.Debug, ct);
            return true;
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    private async Task CompileAsync(CancellationToken ct)
    {
        Binary.Parent.CreateDirectory();
        var partial = Binary + ".partial";
        var gocache = Directory.CreateTempSubdirectory("slipway-pause-gocache-");
        try
        {
            await ProcessRunner.RunAsync("go", ["build", "-trimpath", "-ldflags", "-s -w", "-o", partial, Source],
                new ProcessOptions
                {
                    LogOutput = false,
                    LogInvocation = false,
                    Environment = new Dictionary<string, string?>
                    {
                        ["CGO_ENABLED"] = "0", ["GO111MODULE"] = "off", ["GOPROXY"] = "off",
                        ["GOCACHE"] = gocache.FullName, ["GOPATH"] = gocache.FullName,
                    },
                }, ct);
            File.Move(partial, Binary, overwrite: true);
        }
        catch (ProcessException e)
        {
            throw new StackException($"Compiling the pause program ({Source}) failed: {e.Message}");
        }
        finally
        {
            gocache.Delete(recursive: true);
        }
    }

    private string SourceHash() => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        File.ReadAllBytes(Source)))[..12].ToLowerInvariant();
}
