namespace Slipway.Engine;

/// <summary>A full file-system path with <c>/</c> to descend: <c>RootDirectory / "artifacts" / "images.json"</c>.</summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private AbsolutePath(string path) => Value = path;

    public string Value { get; }
    public string Name => Path.GetFileName(Value);
    public AbsolutePath Parent => new(Path.GetDirectoryName(Value) ?? Value);
    public bool Exists => File.Exists(Value) || Directory.Exists(Value);
    public bool FileExists => File.Exists(Value);
    public bool DirectoryExists => Directory.Exists(Value);

    public static AbsolutePath From(string path) =>
        Path.IsPathFullyQualified(path) ? new AbsolutePath(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)))
            : throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));

    public static AbsolutePath operator /(AbsolutePath left, string right) => new(Path.GetFullPath(Path.Combine(left.Value, right)));
    public static implicit operator string(AbsolutePath path) => path.Value;

    public AbsolutePath CreateDirectory() { Directory.CreateDirectory(Value); return this; }

    /// <summary>Deletes the directory's content, keeping the directory.</summary>
    public AbsolutePath CleanDirectory()
    {
        if (Directory.Exists(Value)) Directory.Delete(Value, recursive: true);
        return CreateDirectory();
    }

    public string ReadAllText() => File.ReadAllText(Value);

    /// <summary>Writes the file (creating its directory) only when the content differs; returns whether it wrote.</summary>
    public bool WriteAllTextIfChanged(string content)
    {
        if (File.Exists(Value) && File.ReadAllText(Value) == content) return false;
        Directory.CreateDirectory(Parent);
        File.WriteAllText(Value, content);
        return true;
    }

    /// <summary>Writes a file only its owner may read (mode 0600, set before any content lands), e.g. credentials.</summary>
    public void WritePrivateText(string content)
    {
        MakePrivate();
        File.WriteAllText(Value, content);
    }

    /// <summary><see cref="WritePrivateText"/> when the content differs; returns whether it wrote.</summary>
    public bool WritePrivateTextIfChanged(string content)
    {
        MakePrivate();
        return WriteAllTextIfChanged(content);
    }

    private void MakePrivate()
    {
        Directory.CreateDirectory(Parent);
        if (!File.Exists(Value)) File.WriteAllText(Value, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Value, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string RelativeTo(AbsolutePath root) => Path.GetRelativePath(root, Value);

    public bool Equals(AbsolutePath? other) => other != null && Value == other.Value;
    public override bool Equals(object? obj) => obj is AbsolutePath other && Equals(other);
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Value;
}
