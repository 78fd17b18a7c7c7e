using Slipway.Engine;

namespace Slipway.Delivery.Components;

/// <summary>The components a build delivers, declared in C# by the build.</summary>
public interface IHazComponents : ISlipwayBuild
{
    IReadOnlyList<Component> Components { get; }

    [Parameter("Only these components (default: all)", Variables = ParameterVariables.PrefixedOnly)]
    string[] Component => TryGetValue(() => Component) ?? [];

    /// <summary>The components selected with --component, or all; an unknown name is refused with a suggestion.</summary>
    IReadOnlyList<Component> SelectedComponents
    {
        get
        {
            if (Component.Length == 0) return Components;
            return Component.Select(name => Components.FirstOrDefault(c => c.Name == name)
                ?? throw new UsageException($"Unknown component '{name}'.{Suggestions.DidYouMean(name, Components.Select(c => c.Name))} " +
                                            $"Components: {string.Join(", ", Components.Select(c => c.Name))}.")).ToList();
        }
    }
}
