namespace Slipway.Sample.Tests.Support;

/// <summary>Paths in the repository under test, found from the test assembly's location.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string AppDirectory(string app) => PathOf("src", "apps", app);

    /// <summary>The configuration this test assembly (and the app projects it references) was built with.</summary>
    public static string BuildConfiguration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Slipway.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"Slipway.slnx not found above {AppContext.BaseDirectory}");
    }
}
