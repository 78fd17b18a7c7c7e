using Spectre.Console;

namespace Slipway.Engine;

/// <summary>Marks where a target's log starts and ends: a rule on a terminal, a collapsible section in CI.</summary>
internal static class TargetSections
{
    public static void Begin(BuildOutput output, string target)
    {
        if (output.Verbosity == Verbosity.Quiet) return;
        if (output.PrefixLines)
        {
            output.Write(LogLevel.Information, $"▶ {target} started");
            return;
        }
        switch (output.Host)
        {
            case CiHost.GitLab:
                output.Raw($"\u001b[0Ksection_start:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:{SectionId(target)}[collapsed=false]\r\u001b[0K\u001b[1m{target}\u001b[0m\n");
                break;
            case CiHost.GitHubActions:
                output.Raw($"::group::{target}\n");
                break;
            default:
                output.Render(new Rule($"[bold]{Markup.Escape(target)}[/]").LeftJustified());
                break;
        }
    }

    public static void End(BuildOutput output, ExecutableTarget target)
    {
        if (output.PrefixLines)
        {
            output.Write(target.Status == TargetStatus.Succeeded ? LogLevel.Information : LogLevel.Warning,
                $"■ {target.Name} {target.Status.ToString().ToLowerInvariant()} in {Durations.Format(target.Duration)}");
            return;
        }
        switch (output.Host)
        {
            case CiHost.GitLab:
                output.Raw($"\u001b[0Ksection_end:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:{SectionId(target.Name)}\r\u001b[0K\n");
                break;
            case CiHost.GitHubActions:
                output.Raw("::endgroup::\n");
                break;
        }
    }

    private static string SectionId(string target) => "slipway_" + target.ToLowerInvariant();
}
