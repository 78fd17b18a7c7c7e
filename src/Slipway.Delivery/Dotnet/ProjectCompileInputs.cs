using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Slipway.Engine;

namespace Slipway.Delivery.Dotnet;

/// <summary>
/// One digest of everything a project's build reads: its sources and those of the projects it references
/// (<see cref="DotnetSources"/>: a change also changes every dependent's digest), the build files above them, the
/// configuration and the installed SDKs (global.json picks among them).
/// </summary>
public static class ProjectCompileInputs
{
    /// <summary>The digests of all the build reads and of what restore reads (project and build files).</summary>
    /// <param name="contentHash">a file's content hash (a project's sources count in each dependent's digest: one
    /// cache hashes each file once)</param>
    public static ProjectDigests Digest(AbsolutePath project, AbsolutePath root, string configuration, string sdks,
        Func<string, string> contentHash)
    {
        using var inputs = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var restore = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        Add(inputs, "configuration:" + configuration);
        Add(inputs, "sdks:" + sdks);
        Add(restore, "sdks:" + sdks);
        foreach (var file in DotnetSources.Files(project)
                     .Select(f => (Path: Path.GetRelativePath(root, f).Replace('\\', '/'), File: f))
                     .OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var line = $"file:{file.Path}:{contentHash(file.File)}";
            Add(inputs, line);
            if (IsRestoreInput(file.File)) Add(restore, line);
        }
        return new ProjectDigests(Hex(inputs), Hex(restore));
    }

    private static bool IsRestoreInput(string file)
    {
        var name = Path.GetFileName(file);
        return name.EndsWith("proj", StringComparison.OrdinalIgnoreCase) ||
               name.EndsWith(".props", StringComparison.OrdinalIgnoreCase) ||
               name.EndsWith(".targets", StringComparison.OrdinalIgnoreCase) ||
               DotnetSources.BuildFileNames.Contains(name) || name == "packages.lock.json";
    }

    private static string Hex(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset())[..32];

    /// <summary>
    /// The SDKs installed beside the running .NET (global.json's choice among them cannot change otherwise).
    /// </summary>
    public static string InstalledSdks()
    {
        var dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var sdk = Path.Combine(dotnetRoot, "sdk");
        IEnumerable<string?> versions = Directory.Exists(sdk)
            ? Directory.GetDirectories(sdk).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            : [];
        return $"{dotnetRoot}:{string.Join(",", versions)}";
    }
}

/// <summary>A project's build inputs digest, and the digest of the part restore reads.</summary>
public sealed record ProjectDigests(string Inputs, string Restore);
