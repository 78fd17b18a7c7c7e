using Slipway.Engine;

namespace Slipway.Delivery.Components;

/// <summary>
/// A containerised part of the system: its Docker build context, image repository (<c>&lt;entity-namespace&gt;/&lt;app&gt;</c>)
/// and, for .NET apps, the project published into <c>publish/</c> of the context before the image is built.
/// </summary>
public sealed record Component
{
    public required string Name { get; init; }
    public required AbsolutePath Context { get; init; }
    public required string Repository { get; init; }
    /// <summary>Published with <c>dotnet publish -o &lt;context&gt;/publish</c> before the build; null for images with no .NET app.</summary>
    public AbsolutePath? Project { get; init; }
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();
    /// <summary>Apps get a per-component values file and BumpValues; base products are deployed by the base chart.</summary>
    public ComponentKind Kind { get; init; } = ComponentKind.App;

    public AbsolutePath PublishDirectory => Context / "publish";
    public AbsolutePath BaseDockerfile => Context / "Dockerfile.base";

    /// <summary>
    /// The Dockerfile: <c>Dockerfile</c>; a lowercase <c>dockerfile</c> alone is used with a warning
    /// (docker build . would not find it); none is an error naming the component and path.
    /// </summary>
    public AbsolutePath ResolveDockerfile()
    {
        var names = Directory.Exists(Context) ? Directory.GetFiles(Context).Select(Path.GetFileName).ToList() : [];
        if (names.Contains("Dockerfile")) return Context / "Dockerfile";
        if (names.Contains("dockerfile"))
        {
            Log.Warning($"{Name}: using {Context / "dockerfile"} — rename it to Dockerfile: `docker build .` and most tools only look for that name.");
            return Context / "dockerfile";
        }
        throw new TargetFailedException(Directory.Exists(Context)
            ? $"{Name}: no Dockerfile in {Context}. Add one (named Dockerfile), or fix the component's Context in build/."
            : $"{Name}: its build context {Context} does not exist. Fix the component's Context in build/.");
    }
}

public enum ComponentKind { App, BaseProduct }
