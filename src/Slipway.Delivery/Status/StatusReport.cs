using System.Text;
using System.Text.Json;
using Slipway.Engine;
using Spectre.Console;

namespace Slipway.Delivery.Status;

/// <summary>artifacts/status.json, .md and .html, and the same matrix on the console.</summary>
public static class StatusReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static void Write(AbsolutePath artifacts, StatusMatrix matrix, DateTimeOffset readAt)
    {
        artifacts.CreateDirectory();
        File.WriteAllText(artifacts / "status.json", JsonSerializer.Serialize(new
        {
            readAt, environments = matrix.Environments,
        }, Json) + "\n");
        File.WriteAllText(artifacts / "status.md", Markdown(matrix, readAt));
        File.WriteAllText(artifacts / "status.html", StatusPage.Render(matrix, readAt));
    }

    public static void Render(StatusMatrix matrix)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Status[/]").AddColumn("Release / workload");
        foreach (var environment in matrix.Environments)
            table.AddColumn(Markup.Escape($"{environment.Name}\n{environment.Namespace}"));
        foreach (var row in matrix.Rows)
            table.AddRow([Markup.Escape(row.Workload == null ? row.Release : $"  {row.Workload}"),
                .. matrix.Environments.Select(e => Cell(matrix, e, row))]);
        BuildOutput.Current.Render(table);
        foreach (var environment in matrix.Environments.Where(e => e.Message != null))
            (environment.State == "unreachable" ? (Action<string>)Log.Warning : Log.Information)(
                $"{environment.Name}: {environment.State} — {environment.Message}");
        foreach (var environment in matrix.Environments)
        foreach (var release in environment.Releases)
        foreach (var drift in release.Drift.Concat(release.Workloads.SelectMany(w =>
                     w.Drift.Select(d => $"{w.Kind} {w.Name}: {d}"))))
            Log.Warning($"{environment.Name} {release.Name}: drift: {drift}");
    }

    private static string Cell(StatusMatrix matrix, EnvironmentStatus environment, StatusRow row)
    {
        var text = Markup.Escape(matrix.Summary(environment, row));
        var colour = HealthOf(matrix, environment, row) switch
        {
            CellHealth.Good => "green", CellHealth.Drift => "yellow", CellHealth.Bad => "red", _ => "grey",
        };
        return text.Length == 0 ? "" : $"[{colour}]{text}[/]";
    }

    internal enum CellHealth { None, Good, Drift, Bad }

    internal static CellHealth HealthOf(StatusMatrix matrix, EnvironmentStatus environment, StatusRow row)
    {
        if (!environment.IsReadable) return environment.State == "unreachable" ? CellHealth.Bad : CellHealth.None;
        var release = matrix.Release(environment, row);
        if (release is not { IsDeployed: true }) return CellHealth.None;
        if (row.Workload == null)
            return release.HelmStatus != "deployed" ? CellHealth.Bad
                : release.Drift.Count > 0 ? CellHealth.Drift : CellHealth.Good;
        var workload = matrix.Workload(environment, row);
        return workload == null ? CellHealth.None
            : !workload.IsReady ? CellHealth.Bad
            : workload.Drift.Count > 0 ? CellHealth.Drift : CellHealth.Good;
    }

    private static string Markdown(StatusMatrix matrix, DateTimeOffset readAt)
    {
        var md = new StringBuilder($"# Status\n\nRead {readAt:u}.\n\n| Release / workload | ");
        md.Append(string.Join(" | ", matrix.Environments.Select(e => $"{e.Name} (`{e.Namespace}`)")));
        md.Append(" |\n|---|").Append(string.Concat(matrix.Environments.Select(_ => "---|"))).Append('\n');
        foreach (var row in matrix.Rows)
            md.Append($"| {(row.Workload == null ? $"**{row.Release}**" : row.Workload)} | ")
                .Append(string.Join(" | ", matrix.Environments.Select(e => matrix.Summary(e, row))))
                .Append(" |\n");
        foreach (var environment in matrix.Environments)
        {
            md.Append($"\n## {environment.Name} (`{environment.Namespace}`)\n\n");
            var cluster = environment.Cluster.Length > 0 ? $", cluster {environment.Cluster}" : "";
            md.Append($"{environment.State}{cluster}" +
                      $"{(environment.Message != null ? $": {environment.Message}" : "")}\n");
            foreach (var release in environment.Releases.Where(r => r.IsDeployed))
            {
                md.Append($"\n### {release.Name}: revision {release.Revision} ({release.HelmStatus})\n\n");
                md.Append($"Chart {release.Chart}, app version {release.AppVersion}, deployed {release.DeployedAt:u}" +
                          $" from commit {release.Commit ?? "unknown"}.\n\n");
                foreach (var drift in release.Drift) md.Append($"- drift: {drift}\n");
                foreach (var workload in release.Workloads)
                {
                    md.Append($"- {workload.Kind} {workload.Name}: " +
                              (workload.Missing ? "missing" : $"{workload.Ready}/{workload.Desired} ready") + "\n");
                    foreach (var image in workload.Images)
                        md.Append($"  - `{image.Reference}` {(image.Digest != null ? $"`{image.Digest}`" : "")}\n");
                    foreach (var drift in workload.Drift) md.Append($"  - drift: {drift}\n");
                }
            }
        }
        return md.ToString();
    }
}
