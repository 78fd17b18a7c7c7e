namespace Slipway.Engine;

/// <summary>The repository root is the nearest directory upwards holding a .nuke directory.</summary>
internal static class RootDirectoryLocator
{
    public static AbsolutePath Locate(string currentDirectory)
    {
        foreach (var start in new[] { currentDirectory, AppContext.BaseDirectory })
            for (var directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
                if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                    return AbsolutePath.From(directory.FullName);
        throw new UsageException($"No .nuke directory was found above {currentDirectory}: run the build from inside the repository.");
    }
}
