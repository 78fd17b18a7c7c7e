using Slipway.Delivery.Components;
using Slipway.Delivery.Dotnet;

namespace Slipway.Delivery.Images;

/// <summary>
/// What a .NET component's publish output is made from (<see cref="DotnetSources"/>). Its image inputs use these
/// instead of the publish output, which carries build times (static web assets' Last-Modified): a second pipeline on
/// the same commit finds the image unchanged, and an unchanged component is not published at all.
/// </summary>
public static class ProjectSources
{
    /// <summary>One <c>source:&lt;path relative to the context&gt;:&lt;sha256&gt;</c> line per file, ordered.</summary>
    public static IReadOnlyList<string> Inputs(Component component) =>
        component.Project is { } project
            ? DotnetSources.Files(project)
                .Select(file => Path.GetRelativePath(component.Context, file).Replace('\\', '/') + ":" +
                                DotnetSources.Sha256(file))
                .Order(StringComparer.Ordinal)
                .Select(line => "source:" + line)
                .ToList()
            : [];
}
