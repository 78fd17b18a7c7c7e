using System.Formats.Tar;
using System.Runtime.InteropServices;
using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>
/// The base images the sample components build FROM, made locally since no public registry is reachable:
/// a Debian bookworm minbase (debootstrap) and a .NET runtime image (that rootfs + the host's dotnet runtime).
/// </summary>
public sealed class BaseImages(StackPaths paths, string registry, DockerEndpoint engine)
{
    public const string DebianRepository = "slipway-base/debian";
    public const string DebianTag = "bookworm";
    public const string RuntimeRepository = "slipway-base/dotnet-runtime";
    public const string RuntimeTag = "10.0";

    /// <summary>Packages the .NET runtime needs, included in the rootfs (RUN steps have no network here).</summary>
    private static readonly string[] RuntimeDependencies = ["libicu72", "libssl3", "ca-certificates"];

    public string Debian => $"{registry}/{DebianRepository}:{DebianTag}";
    public string Runtime => $"{registry}/{RuntimeRepository}:{RuntimeTag}";
    private AbsolutePath RootfsTarball => paths.Cache / "images" / "debian-bookworm-minbase.tar";

    /// <summary>
    /// Builds and pushes whichever base image the registry lacks, and the server images (<see cref="ServerImages"/>,
    /// made meanwhile); returns whether anything was pushed.
    /// </summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        var servers = new ServerImages(paths, registry, engine).EnsureAsync(ct);
        var runtime = EnsureRuntimeImagesAsync(ct);
        await Task.WhenAll(servers, runtime);
        return servers.Result | runtime.Result;
    }

    /// <summary>
    /// Makes the cached rootfs tarballs every image starts from (debootstrap: downloads and unpacking, no Docker), so
    /// StackUp can do it while the Kubernetes binaries compile on a fresh machine.
    /// </summary>
    public async Task PrepareRootfsAsync(CancellationToken ct)
    {
        var mirror = Environment.GetEnvironmentVariable("SLIPWAY_DEBIAN_MIRROR") ?? await AptMirrorAsync(ct);
        await Task.WhenAll(EnsureRootfsAsync(ct), new ServerImages(paths, registry, engine).PrepareRootfsAsync(mirror, ct));
    }

    private async Task<bool> EnsureRuntimeImagesAsync(CancellationToken ct)
    {
        using var registryClient = new RegistryClient(registry);
        var hasDebian = await registryClient.HeadManifestAsync(DebianRepository, DebianTag, ct) != null;
        var hasRuntime = await registryClient.HeadManifestAsync(RuntimeRepository, RuntimeTag, ct) != null;
        if (hasDebian && hasRuntime) return false;

        using var docker = DockerEngine.Connect(engine);
        if (!hasDebian || await docker.InspectImageAsync(Debian, ct) == null)
        {
            await EnsureRootfsAsync(ct);
            await using var tar = File.OpenRead(RootfsTarball);
            await docker.ImportAsync(tar, $"{registry}/{DebianRepository}", DebianTag, ct);
            await docker.PushAsync($"{registry}/{DebianRepository}", DebianTag, null, Log.Debug, ct);
            Log.Information($"pushed {Debian}");
        }
        if (!hasRuntime)
        {
            var context = Directory.CreateTempSubdirectory("slipway-runtime-image-");
            try
            {
                CopyDotnetRuntime(AbsolutePath.From(context.FullName) / "dotnet");
                await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), """
                    ARG BASE_IMAGE
                    FROM ${BASE_IMAGE}
                    COPY dotnet/ /usr/share/dotnet/
                    ENV DOTNET_ROOT=/usr/share/dotnet \
                        PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
                        DOTNET_CLI_TELEMETRY_OPTOUT=1 \
                        DOTNET_NOLOGO=1
                    """, ct);
                using var tar = new MemoryStream();
                await TarFile.CreateFromDirectoryAsync(context.FullName, tar, includeBaseDirectory: false, ct);
                tar.Position = 0;
                await docker.BuildAsync(new DockerBuildRequest
                {
                    Tags = [Runtime],
                    BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = Debian },
                    Labels = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "Slipway .NET runtime base" },
                }, tar, Log.Debug, ct);
                await docker.PushAsync($"{registry}/{RuntimeRepository}", RuntimeTag, null, Log.Debug, ct);
                Log.Information($"pushed {Runtime}");
            }
            finally
            {
                context.Delete(recursive: true);
            }
        }
        return true;
    }

    private async Task EnsureRootfsAsync(CancellationToken ct)
    {
        if (RootfsTarball.FileExists) return;
        RootfsTarball.Parent.CreateDirectory();
        var rootfs = Directory.CreateTempSubdirectory("slipway-rootfs-").FullName;
        var mirror = Environment.GetEnvironmentVariable("SLIPWAY_DEBIAN_MIRROR") ?? await AptMirrorAsync(ct);
        Log.Information($"debootstrap bookworm (minbase + {string.Join(", ", RuntimeDependencies)}) from {mirror} — once, then cached…");
        try
        {
            await ProcessRunner.RunAsync("debootstrap",
                ["--variant=minbase", $"--include={string.Join(',', RuntimeDependencies)}", "bookworm", rootfs, mirror],
                new ProcessOptions { LogOutput = false, Timeout = TimeSpan.FromMinutes(15) }, ct);
            var partial = RootfsTarball + ".partial";
            await ProcessRunner.RunAsync("tar", ["--numeric-owner", "-C", rootfs, "-cf", partial, "."],
                new ProcessOptions { LogOutput = false, LogInvocation = false }, ct);
            File.Move(partial, RootfsTarball, overwrite: true);
        }
        catch (ProcessException e)
        {
            throw new StackException($"Making the Debian base rootfs failed (debootstrap needs the Debian mirror {mirror}; set SLIPWAY_DEBIAN_MIRROR " +
                                     $"to another).\n{string.Join('\n', e.Result?.Output.TakeLast(12).Select(l => "    " + l.Text) ?? [e.Message])}");
        }
        finally
        {
            await ProcessRunner.RunAsync("rm", ["-rf", "--one-file-system", rootfs], new ProcessOptions { LogOutput = false, LogInvocation = false, AllowFailure = true });
        }
    }

    /// <summary>The Debian mirror this machine's apt already uses for bookworm main (debootstrap needs the same).</summary>
    internal static async Task<string> AptMirrorAsync(CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync("apt-get", ["indextargets", "--format", "$(TARGET_OF) $(REPO_URI) $(RELEASE) $(COMPONENT)"],
            new ProcessOptions { LogOutput = false, LogInvocation = false, AllowFailure = true }, ct);
        return result.StandardOutput.Split('\n').Select(l => l.Split(' ')).FirstOrDefault(f => f is ["deb", _, "bookworm", "main"])?[1]
            ?? throw new StackException("No apt source for Debian bookworm main was found for debootstrap: add one, or set SLIPWAY_DEBIAN_MIRROR.");
    }

    /// <summary>The muxer, host/ and the shared frameworks of the running .NET major version.</summary>
    private static void CopyDotnetRuntime(AbsolutePath target)
    {
        var runtimeDirectory = AbsolutePath.From(RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtimeDirectory.Parent.Parent.Parent;
        var version = runtimeDirectory.Name;
        CopyDirectory(root / "host", target / "host");
        File.Copy(root / "dotnet", target / "dotnet");
        CopyDirectory(runtimeDirectory, target / "shared" / "Microsoft.NETCore.App" / version);
        var aspnet = root / "shared" / "Microsoft.AspNetCore.App";
        var aspnetVersion = Directory.GetDirectories(aspnet).Select(Path.GetFileName)
            .Where(v => v!.StartsWith(version[..version.LastIndexOf('.')], StringComparison.Ordinal))
            .OrderBy(v => Version.TryParse(v, out var parsed) ? parsed : new Version()).Last()!;
        CopyDirectory(aspnet / aspnetVersion, target / "shared" / "Microsoft.AspNetCore.App" / aspnetVersion);
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
