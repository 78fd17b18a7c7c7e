namespace Slipway.Delivery.Tests;

/// <summary>The repository this test assembly was built from (the directory holding build.sh).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(System.IO.Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        throw new InvalidOperationException("The repository root (with build.sh) was not found above the test assembly.");
    }
}
