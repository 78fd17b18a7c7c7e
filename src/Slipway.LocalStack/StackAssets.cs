using System.Reflection;
using System.Security.Cryptography;
using Slipway.Engine;

namespace Slipway.LocalStack;

/// <summary>
/// The stack's scripts and the pause program's source, shipped inside this assembly (so a build that takes the stack
/// from a package has them too) and written once per content to <c>&lt;cache&gt;/localstack/&lt;hash&gt;/</c>.
/// </summary>
public static class StackAssets
{
    private const string Prefix = "slipway-stack/";
    private static readonly Assembly Owner = typeof(StackAssets).Assembly;
    private static readonly Lock Gate = new();

    /// <summary>The folder holding <c>scripts/</c> and <c>pause/</c>, written when missing.</summary>
    public static AbsolutePath In(AbsolutePath cache)
    {
        var names = Owner.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var contents = names.ToDictionary(n => n[Prefix.Length..], Read);
        var folder = cache / "localstack" / Fingerprint(contents);
        lock (Gate)
        {
            if (folder.DirectoryExists) return folder;
            var partial = AbsolutePath.From($"{folder}.partial-{Environment.ProcessId}");
            foreach (var (relative, bytes) in contents)
            {
                var file = partial / relative;
                file.Parent.CreateDirectory();
                File.WriteAllBytes(file, bytes);
                if (relative.EndsWith(".sh", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
                    File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
            try { Directory.Move(partial, folder); }
            catch (IOException) when (folder.DirectoryExists) { Directory.Delete(partial, recursive: true); }
            return folder;
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = Owner.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Fingerprint(IReadOnlyDictionary<string, byte[]> contents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, bytes) in contents.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(relative + "\n"));
            hash.AppendData(bytes);
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..12].ToLowerInvariant();
    }
}
