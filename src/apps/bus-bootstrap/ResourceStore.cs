namespace Slipway.Sample.BusBootstrap;

/// <summary>What <see cref="IResourceStore.Ensure"/> did.</summary>
public enum EnsureOutcome { Created, AlreadyExists }

/// <summary>
/// Where topics, indexes and schemas are "created". Stand-in for the broker, search and database admin APIs:
/// creation is idempotent, so running the bootstrap twice creates nothing the second time.
/// </summary>
public interface IResourceStore
{
    /// <param name="kind">topic, index or schema</param>
    /// <param name="name">the resource name</param>
    /// <param name="settings">its settings (e.g. "partitions=3"); a different value for an existing resource is kept as is</param>
    EnsureOutcome Ensure(string kind, string name, string settings);
}

/// <summary>Remembers resources for the life of the process.</summary>
public sealed class InMemoryResourceStore : IResourceStore
{
    readonly Dictionary<(string, string), string> _resources = [];

    public EnsureOutcome Ensure(string kind, string name, string settings) =>
        _resources.TryAdd((kind, name), settings) ? EnsureOutcome.Created : EnsureOutcome.AlreadyExists;
}

/// <summary>
/// Remembers resources across runs as one marker file per resource under a directory
/// (<c>BOOTSTRAP_STATE_DIR</c>): <c>&lt;dir&gt;/&lt;kind&gt;/&lt;name&gt;</c> holding its settings.
/// </summary>
public sealed class DirectoryResourceStore(string directory) : IResourceStore
{
    public string Directory { get; } = directory;

    public EnsureOutcome Ensure(string kind, string name, string settings)
    {
        var folder = Path.Combine(Directory, kind);
        System.IO.Directory.CreateDirectory(folder);
        var marker = Path.Combine(folder, name);
        try
        {
            using var stream = new FileStream(marker, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.WriteLine(settings);
            return EnsureOutcome.Created;
        }
        catch (IOException) when (File.Exists(marker))
        {
            return EnsureOutcome.AlreadyExists;
        }
    }
}
