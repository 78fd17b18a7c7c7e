namespace Slipway.Engine;

/// <summary>A target named by a definition, resolved against the build instance once all targets are known.</summary>
internal sealed record TargetReference(Func<object, Target> Resolve, string Display)
{
    public static TargetReference Direct(Target target) => new(_ => target, target.Method.Name);

    public static TargetReference Through<T>(Func<T, Target> selector) =>
        new(build => build is T typed
                ? selector(typed)
                : throw new BuildDefinitionException(
                    $"A target refers to a target of {typeof(T).Name}, but the build does not implement {typeof(T).Name}."),
            typeof(T).Name);
}
