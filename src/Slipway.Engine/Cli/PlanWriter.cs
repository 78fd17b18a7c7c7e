using System.Net;
using System.Text;

namespace Slipway.Engine;

/// <summary>--plan: prints the ordered plan and writes it as Mermaid (.nuke/temp/plan.mmd) and as a page (plan.html).</summary>
internal static class PlanWriter
{
    public static void Print(BuildOutput output, ExecutionPlan plan)
    {
        output.Write(LogLevel.Information, "Execution plan:");
        var index = 1;
        foreach (var target in plan.Targets)
        {
            var after = plan.Predecessors[target];
            var state = target.Status == TargetStatus.Skipped ? $"  [skipped: {target.Note}]" : "";
            var reason = plan.Invoked.Contains(target) ? " (invoked)" : plan.OnlyTriggered.Contains(target) ? " (triggered)" : "";
            output.Write(LogLevel.Information,
                $"  {index++,2}. {target.Name}{reason}{state}{(after.Count > 0 ? "  ← " + string.Join(", ", after.Select(a => a.Name)) : "")}");
        }
    }

    public static void WriteFiles(AbsolutePath root, ExecutionPlan plan, IReadOnlyList<ExecutableTarget> all)
    {
        var mermaid = Mermaid(plan);
        var directory = (root / ".nuke" / "temp").CreateDirectory();
        File.WriteAllText(directory / "plan.mmd", mermaid);
        File.WriteAllText(directory / "plan.html", Html(plan, mermaid));
        BuildOutput.Current.Write(LogLevel.Information, $"Plan written to {Path.GetRelativePath(root, directory / "plan.mmd")} and plan.html.");
    }

    /// <summary>Solid arrows: dependencies; dotted: ordering (After/Before); thick: triggers. Skipped targets are grey.</summary>
    public static string Mermaid(ExecutionPlan plan)
    {
        var text = new StringBuilder("graph LR\n");
        foreach (var target in plan.Targets)
            text.Append($"  {target.Name}[\"{target.Name}\"]\n");
        foreach (var target in plan.Targets)
        {
            foreach (var dependency in target.Dependencies.Where(plan.Targets.Contains))
                text.Append($"  {dependency.Name} --> {target.Name}\n");
            foreach (var earlier in target.OrderedAfter.Where(plan.Targets.Contains).Except(target.Dependencies))
                text.Append($"  {earlier.Name} -.-> {target.Name}\n");
            foreach (var triggered in target.Triggers.Where(plan.Targets.Contains))
                text.Append($"  {target.Name} ==> {triggered.Name}\n");
        }
        foreach (var skipped in plan.Targets.Where(t => t.Status == TargetStatus.Skipped))
            text.Append($"  style {skipped.Name} fill:#ddd,stroke:#999,color:#777\n");
        foreach (var invoked in plan.Invoked)
            text.Append($"  style {invoked.Name} stroke-width:3px\n");
        return text.ToString();
    }

    private static string Html(ExecutionPlan plan, string mermaid)
    {
        var rows = string.Concat(plan.Targets.Select((t, i) =>
            $"<tr><td>{i + 1}</td><td>{WebUtility.HtmlEncode(t.Name)}</td><td>{WebUtility.HtmlEncode(t.Status == TargetStatus.Skipped ? "skipped" : "runs")}</td>" +
            $"<td>{WebUtility.HtmlEncode(string.Join(", ", plan.Predecessors[t].Select(p => p.Name)))}</td></tr>\n"));
        return $$"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Slipway plan</title>
            <style>body{font-family:sans-serif;margin:2em} td,th{padding:.2em .8em;text-align:left}</style></head>
            <body>
            <h1>Execution plan</h1>
            <table><tr><th>#</th><th>Target</th><th>State</th><th>After</th></tr>
            {{rows}}</table>
            <h2>Graph</h2>
            <p>Solid: depends on; dotted: ordered after; thick: triggers. Rendered by Mermaid when the page can load it.</p>
            <pre class="mermaid">
            {{WebUtility.HtmlEncode(mermaid)}}</pre>
            <script type="module">import mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@10/dist/mermaid.esm.min.mjs'; mermaid.initialize({ startOnLoad: true });</script>
            </body></html>
            """;
    }
}
