namespace Slipway.Delivery.Tests.Values;

/// <summary>A temp directory for files a test edits on disk, removed afterwards.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("slipway-values-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A copy of a corpus file, byte for byte.</summary>
    public string Copy(string corpusName)
    {
        var copy = File(corpusName);
        System.IO.File.Copy(Corpus.PathOf(corpusName), copy);
        return copy;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
