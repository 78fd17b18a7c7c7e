using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>A server image made from Debian packages: a bookworm minbase rootfs with <see cref="Packages"/>
/// installed.</summary>
/// <param name="RemoveAfter">paths (relative to the rootfs) the packages' scripts leave that the image must not
/// carry</param>
/// <param name="CreateBefore">directories created before the packages are configured (e.g. to skip a default
/// cluster)</param>
public sealed record ServerImage(string Repository, string Tag, string[] Packages, string[] CreateBefore,
    string[] RemoveAfter)
{
    public string CacheFileName => $"debian-bookworm-{Repository.Split('/')[^1]}-{Tag}.tar";
}

/// <summary>
/// The base release's server images, the Debian packages of PostgreSQL 15 and RabbitMQ 3.10 on a bookworm minbase,
/// each a debootstrap rootfs (cached next to the minbase one), imported and pushed once. Both debootstraps run at the
/// same time. The packages' scripts may not start their services in the chroot: a policy-rc.d refuses it.
/// </summary>
public sealed class ServerImages(StackPaths paths, string registry, DockerEndpoint engine)
{
    // no default cluster: the image's entrypoint initialises its data directory on first start
    public static readonly ServerImage PostgreSql = new("slipway-base/postgresql", "15", ["postgresql-15"],
        CreateBefore: ["etc/postgresql/15"], RemoveAfter: ["etc/postgresql/15/main", "var/lib/postgresql/15/main"]);

    public static readonly ServerImage RabbitMq = new("slipway-base/rabbitmq", "3.10", ["rabbitmq-server"],
        CreateBefore: [], RemoveAfter: ["var/lib/rabbitmq/mnesia", "var/lib/rabbitmq/.erlang.cookie"]);

    public static IReadOnlyList<ServerImage> All => [PostgreSql, RabbitMq];

    public string Reference(ServerImage image) => $"{registry}/{image.Repository}:{image.Tag}";

    /// <summary>Builds and pushes whichever server image the registry lacks; returns whether anything was
    /// pushed.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct)
    {
        using var registryClient = new RegistryClient(registry);
        var missing = new List<ServerImage>();
        foreach (var image in All)
            if (await registryClient.HeadManifestAsync(image.Repository, image.Tag, ct) == null) missing.Add(image);
        if (missing.Count == 0) return false;

        var mirror = Environment.GetEnvironmentVariable("SLIPWAY_DEBIAN_MIRROR") ?? await BaseImages.AptMirrorAsync(ct);
        await Task.WhenAll(missing.Select(image => EnsureRootfsAsync(image, mirror, ct)));
        using var docker = DockerEngine.Connect(engine);
        foreach (var image in missing)
        {
            await using (var tar = File.OpenRead(Tarball(image)))
                await docker.ImportAsync(tar, $"{registry}/{image.Repository}", image.Tag, ct);
            await docker.PushAsync($"{registry}/{image.Repository}", image.Tag, null, Log.Debug, ct);
            Log.Information($"pushed {Reference(image)}");
        }
        return true;
    }

    /// <summary>Every server image's rootfs tarball, made at the same time (no Docker needed).</summary>
    public Task PrepareRootfsAsync(string mirror, CancellationToken ct) =>
        Task.WhenAll(All.Select(image => EnsureRootfsAsync(image, mirror, ct)));

    private AbsolutePath Tarball(ServerImage image) => paths.Cache / "images" / image.CacheFileName;

    private async Task EnsureRootfsAsync(ServerImage image, string mirror, CancellationToken ct)
    {
        var tarball = Tarball(image);
        if (tarball.FileExists) return;
        tarball.Parent.CreateDirectory();
        var rootfs = AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-rootfs-").FullName);
        var packages = string.Join(", ", image.Packages);
        Log.Information($"debootstrap bookworm (minbase + {packages}) from {mirror} — once, then cached…");
        var quiet = new ProcessOptions { LogOutput = false, Timeout = TimeSpan.FromMinutes(20) };
        try
        {
            // first stage: download and unpack; then, before any package is configured, forbid service starts
            await ProcessRunner.RunAsync("debootstrap", ["--foreign", "--variant=minbase",
                $"--include={string.Join(',', image.Packages)}", "bookworm", rootfs, mirror], quiet, ct);
            var policy = rootfs / "usr" / "sbin" / "policy-rc.d";
            await File.WriteAllTextAsync(policy, "#!/bin/sh\n# no service starts while the image is made\nexit 101\n",
                ct);
            await ProcessRunner.RunAsync("chmod", ["0755", policy], new ProcessOptions { LogOutput = false,
                LogInvocation = false }, ct);
            foreach (var directory in image.CreateBefore) (rootfs / directory).CreateDirectory();
            await ProcessRunner.RunAsync("chroot", [rootfs, "/debootstrap/debootstrap", "--second-stage"], quiet, ct);

            File.Delete(policy);
            foreach (var path in image.RemoveAfter.Concat(["var/cache/apt/archives", "var/lib/apt/lists"]))
                await RemoveAsync(rootfs / path);
            (rootfs / "var" / "cache" / "apt" / "archives" / "partial").CreateDirectory();
            (rootfs / "var" / "lib" / "apt" / "lists" / "partial").CreateDirectory();
            var partial = $"{tarball}.partial-{Environment.ProcessId}";
            await ProcessRunner.RunAsync("tar", ["--numeric-owner", "-C", rootfs, "-cf", partial, "."],
                new ProcessOptions { LogOutput = false, LogInvocation = false }, ct);
            File.Move(partial, tarball, overwrite: true);
        }
        catch (ProcessException e)
        {
            throw new StackException($"Making the {image.Repository} rootfs failed (debootstrap needs the Debian " +
                                     $"mirror {mirror}; " +
                                     "set SLIPWAY_DEBIAN_MIRROR to another).\n" +
                                     string.Join('\n', e.Result?.Output.TakeLast(12).Select(l => "    " + l.Text)
                                         ?? [e.Message]));
        }
        finally
        {
            // the second stage mounts /proc and /sys in the chroot; unmount before removing anything
            foreach (var mount in new[] { "proc", "sys" })
                await ProcessRunner.RunAsync("umount", ["-l", rootfs / mount], new ProcessOptions { LogOutput = false,
                    LogInvocation = false, AllowFailure = true });
            await RemoveAsync(rootfs);
        }
    }

    private static Task RemoveAsync(AbsolutePath path) =>
        ProcessRunner.RunAsync("rm", ["-rf", "--one-file-system", path], new ProcessOptions { LogOutput = false,
            LogInvocation = false, AllowFailure = true });
}
