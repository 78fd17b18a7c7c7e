using System.Reflection;

namespace Slipway.Engine;

/// <summary>Finds the build's targets by reflection: <see cref="Target"/> properties of the class and of its interfaces.</summary>
internal static class TargetDiscovery
{
    private const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static IReadOnlyList<ExecutableTarget> Discover(object build)
    {
        var byName = new Dictionary<string, ExecutableTarget>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<ExecutableTarget>();

        foreach (var property in TargetProperties(build.GetType()))
        {
            var factory = (Target?)property.GetValue(build)
                ?? throw new BuildDefinitionException($"Target '{property.Name}' on {property.DeclaringType?.Name} returned null.");
            if (byName.TryGetValue(property.Name, out var existing))
            {
                if (!existing.Factory.Equals(factory))
                    throw new BuildDefinitionException(
                        $"Two different targets are named '{property.Name}' ({existing.DeclaringType.Name} and {property.DeclaringType?.Name}). " +
                        "Rename one, or implement the interface's target instead of hiding it.");
                continue;
            }
            if (ordered.Any(t => t.Factory.Equals(factory))) continue; // an alias such as `Target Default => Pack;`
            var definition = new TargetDefinition();
            factory(definition);
            var target = new ExecutableTarget(property.Name, factory, definition, ordered.Count, property.DeclaringType!);
            byName.Add(property.Name, target);
            ordered.Add(target);
        }

        ResolveRelations(build, ordered);
        return ordered;
    }

    private static IEnumerable<PropertyInfo> TargetProperties(Type type)
    {
        var classProperties = new List<PropertyInfo>();
        for (var current = type; current != null && current != typeof(object); current = current.BaseType)
            classProperties.InsertRange(0, current.GetProperties(InstanceMembers | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(Target) && !p.Name.Contains('.')));
        var interfaceProperties = type.GetInterfaces()
            .OrderBy(i => i.FullName, StringComparer.Ordinal)
            .SelectMany(i => i.GetProperties(InstanceMembers | BindingFlags.DeclaredOnly))
            .Where(p => p.PropertyType == typeof(Target));
        return classProperties.Concat(interfaceProperties);
    }

    private static void ResolveRelations(object build, IReadOnlyList<ExecutableTarget> targets)
    {
        ExecutableTarget Find(ExecutableTarget owner, TargetReference reference)
        {
            var factory = reference.Resolve(build);
            return targets.FirstOrDefault(t => t.Factory.Equals(factory))
                ?? throw new BuildDefinitionException(
                    $"Target '{owner.Name}' refers to a target ({reference.Display}) that is not a property of the build or of its interfaces.");
        }

        foreach (var target in targets)
        {
            var definition = target.Definition;
            AddDistinct(target.Dependencies, definition.Dependencies.Select(r => Find(target, r)));
            foreach (var dependent in definition.DependentForTargets.Select(r => Find(target, r)))
                AddDistinct(dependent.Dependencies, [target]);
            AddDistinct(target.OrderedAfter, definition.RunsAfter.Select(r => Find(target, r)));
            foreach (var later in definition.RunsBefore.Select(r => Find(target, r)))
                AddDistinct(later.OrderedAfter, [target]);
            AddDistinct(target.Triggers, definition.TriggersTargets.Select(r => Find(target, r)));
            foreach (var source in definition.TriggeredByTargets.Select(r => Find(target, r)))
                AddDistinct(source.Triggers, [target]);
        }
    }

    private static void AddDistinct(List<ExecutableTarget> list, IEnumerable<ExecutableTarget> items)
    {
        foreach (var item in items)
            if (!list.Contains(item))
                list.Add(item);
    }
}
