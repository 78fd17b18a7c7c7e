using System.Reflection;

namespace Slipway.Engine;

/// <summary>Finds [Parameter] members on the build class (and its bases) and on its interfaces.</summary>
internal static class ParameterDiscovery
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        var found = new List<ParameterMember>();
        var types = new List<Type>();
        for (var t = buildType; t != null && t != typeof(object); t = t.BaseType) types.Add(t);
        types.AddRange(buildType.GetInterfaces().OrderBy(i => i.FullName, StringComparer.Ordinal));

        foreach (var type in types)
        foreach (var member in type.GetMembers(Members).Where(m => m is FieldInfo or PropertyInfo))
        {
            if (member.GetCustomAttribute<ParameterAttribute>() is not { } attribute) continue;
            var parameter = new ParameterMember(member, attribute);
            var twin = found.FirstOrDefault(p => p.Key == parameter.Key);
            if (twin == null) found.Add(parameter);
            else if (twin.Type != parameter.Type)
                throw new BuildDefinitionException(
                    $"Parameter '{parameter.Name}' is declared twice with different types ({twin.Type.Name} on {twin.Member.DeclaringType?.Name}, " +
                    $"{parameter.Type.Name} on {type.Name}).");
        }
        return found;
    }
}
