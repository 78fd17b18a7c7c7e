using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace Slipway.Delivery.Containers;

/// <summary>The files Docker would receive for a build (after .dockerignore), as a tar stream and as a content digest.</summary>
public sealed class BuildContext
{
    private BuildContext(string directory, IReadOnlyList<string> files)
    {
        Directory = directory;
        Files = files;
    }

    public string Directory { get; }
    /// <summary>Context-relative paths with / separators, sorted ordinally.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <param name="alwaysInclude">Paths sent even when ignored (Docker always sends the Dockerfile and .dockerignore).</param>
    /// <param name="exclude">An extra filter, e.g. leaving publish/ out of a base image's inputs.</param>
    public static BuildContext Collect(string directory, IEnumerable<string> alwaysInclude, Func<string, bool>? exclude = null)
    {
        var ignore = DockerIgnore.ForContext(directory);
        var always = alwaysInclude.ToHashSet(StringComparer.Ordinal);
        var files = System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Where(f => always.Contains(f) || (!ignore.IsExcluded(f) && exclude?.Invoke(f) != true))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new BuildContext(directory, files);
    }

    /// <summary>sha256 over every file's path, executable bit and content, plus the extra inputs (Dockerfile text, build args…).</summary>
    public string Digest(IEnumerable<string> extraInputs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files)
        {
            var full = Path.Combine(Directory, file);
            var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0;
            hash.AppendData(Encoding.UTF8.GetBytes($"{file}\0{(executable ? "x" : "-")}\0"));
            using var stream = File.OpenRead(full);
            hash.AppendData(SHA256.HashData(stream));
        }
        foreach (var input in extraInputs) hash.AppendData(Encoding.UTF8.GetBytes("\0" + input));
        return "sha256:" + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    public async Task<MemoryStream> ToTarAsync(CancellationToken ct)
    {
        var stream = new MemoryStream();
        await using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var file in Files)
                await writer.WriteEntryAsync(Path.Combine(Directory, file), file, ct);
        stream.Position = 0;
        return stream;
    }
}
