namespace Slipway.Delivery.Tests.Values;

/// <summary>The real-world-style values files under Values/Corpus, copied next to the test assembly.</summary>
internal static class Corpus
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Values", "Corpus");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>Every input file (not the golden outputs).</summary>
    public static IEnumerable<string> Inputs() =>
        System.IO.Directory.GetFiles(Directory, "*.yaml")
            .Select(Path.GetFileName)
            .Where(name => !name!.EndsWith(".expected.yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)!;
}
