using System.Reflection;
using Slipway.Delivery.Helm;
using Slipway.Engine;

namespace Slipway.Delivery.Deploy;

/// <summary>
/// This build run again by helm as its <c>--post-renderer</c>: rendered manifests on stdin, the same with relocated
/// images on stdout (<see cref="Images.ManifestRelocation"/>), so third-party charts deploy from the target registry
/// without a fork of helm. The build's Main hands such a run here before the engine starts.
/// </summary>
public static class RelocatingPostRenderer
{
    public const string Flag = "--slipway-post-render";

    public static bool Handles(string[] args) => args.Length == 2 && args[0] == Flag;

    public static int Run(string[] args)
    {
        try
        {
            var relocation = RelocationPlan.ReadFile(args[1]).ToRelocation();
            Console.Out.Write(relocation.Apply(Console.In.ReadToEnd()));
            return 0;
        }
        catch (Exception e) when (e is TargetFailedException or IOException)
        {
            Console.Error.WriteLine(e.Message);
            // helm 4 runs this as a plugin and does not show its error output: the client that started helm reads it
            if (System.Environment.GetEnvironmentVariable(PostRendererPlugin.ErrorFileVariable) is { Length: > 0 } file)
                File.WriteAllText(file, e.Message + "\n");
            return 1;
        }
    }

    /// <summary>How helm starts this build as its post-renderer for <paramref name="planFile"/>: the executable and its arguments.</summary>
    public static (string Command, IReadOnlyList<string> Arguments) Invocation(string planFile)
    {
        var process = System.Environment.ProcessPath ?? throw new InvalidOperationException("The build's executable path is unknown.");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [Assembly.GetEntryAssembly()!.Location, Flag, planFile])
            : (process, [Flag, planFile]);
    }
}
