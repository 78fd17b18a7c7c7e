using Spectre.Console;

namespace Slipway.Engine;

/// <summary>The table closing every run: each planned target, its status and duration, and the total.</summary>
internal static class SummaryTable
{
    public static void Render(BuildOutput output, ExecutionPlan plan, TimeSpan total, bool succeeded)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned()).AddColumn("Note");
        foreach (var target in plan.Targets)
        {
            var color = target.Status switch
            {
                TargetStatus.Succeeded => "green",
                TargetStatus.Failed => "red",
                TargetStatus.Cancelled => "red",
                TargetStatus.Skipped => "grey",
                _ => "yellow",
            };
            table.AddRow(
                Markup.Escape(target.Name),
                $"[{color}]{target.Status}[/]",
                target.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Cancelled ? Durations.Format(target.Duration) : "",
                Markup.Escape(output.Masker.Apply(target.Note ?? "")));
        }
        table.AddEmptyRow();
        table.AddRow("[bold]Total[/]", succeeded ? "[green bold]Succeeded[/]" : "[red bold]Failed[/]", Durations.Format(total), "");
        output.Render(table);
    }
}
