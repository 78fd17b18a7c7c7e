namespace Slipway.Sample.Tests.Support;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "slipway-apps-tests")
    {
        FullName = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(FullName);
    }

    public string FullName { get; }

    public string PathOf(params string[] parts) => Path.Combine([FullName, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(FullName, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
