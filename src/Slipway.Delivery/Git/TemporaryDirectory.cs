namespace Slipway.Delivery.Git;

/// <summary>A fresh directory under the system's temp folder, removed with everything in it when disposed.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal); // git's object files are read-only, which Windows refuses to delete
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Slipway.Engine.Log.Debug($"Could not remove the temporary directory {Path}: {e.Message}");
        }
    }
}
