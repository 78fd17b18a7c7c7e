using System.Net;
using System.Text;

namespace Slipway.Delivery.Status;

/// <summary>
/// artifacts/status.html: one self-contained page (no script, no external file) a person opens from CI's artifacts:
/// the matrix with colour for health and drift, each cell linking to its details below.
/// </summary>
public static class StatusPage
{
    private const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1f2328; }
        h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 6px; }
        h3 { font-size: 14px; margin: 14px 0 4px; } .muted { color: #656d76; }
        table.matrix { border-collapse: collapse; margin-top: 12px; }
        .matrix th, .matrix td { border: 1px solid #d0d7de; padding: 6px 10px; text-align: left; vertical-align: top; }
        .matrix thead th { background: #f6f8fa; position: sticky; top: 0; }
        .matrix td a { color: inherit; text-decoration: none; display: block; }
        .matrix td a:hover { text-decoration: underline; }
        tr.release th { background: #f6f8fa; } tr.workload th { font-weight: normal; padding-left: 24px; }
        td.good { background: #dafbe1; } td.drift { background: #fff1c2; } td.bad { background: #ffd7d5; }
        td.none { background: #fafbfc; color: #8c959f; }
        .badge { font-size: 11px; font-weight: 600; padding: 1px 5px; border-radius: 8px; margin-left: 4px; }
        .badge.drift { background: #bf8700; color: white; } .badge.bad { background: #cf222e; color: white; }
        code { font-size: 12px; } li { margin: 2px 0; } section { border-top: 1px solid #d0d7de; }
        """;

    public static string Render(StatusMatrix matrix, DateTimeOffset readAt)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Slipway status</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"><style>{Style}</style></head>
            <body><h1>What runs where</h1><p class="muted">Read {E(readAt.ToString("u"))} from the live releases.
            Green: deployed and ready · yellow: drift (live objects differ from the release) · red: failed, not ready,
            or the cluster could not be reached · grey: not deployed, or no kubeconfig here.</p>
            <table class="matrix"><thead><tr><th>Release / workload</th>
            """);
        foreach (var environment in matrix.Environments)
            html.Append($"<th>{E(environment.Name)}<br><span class=\"muted\">{E(environment.Namespace)}</span></th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var row in matrix.Rows)
        {
            html.Append($"<tr class=\"{(row.Workload == null ? "release" : "workload")}\"><th>{E(row.Label)}</th>");
            foreach (var environment in matrix.Environments) html.Append(Cell(matrix, environment, row));
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>\n");
        foreach (var environment in matrix.Environments) html.Append(Details(environment));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Cell(StatusMatrix matrix, EnvironmentStatus environment, StatusRow row)
    {
        var health = StatusReport.HealthOf(matrix, environment, row);
        var css = health.ToString().ToLowerInvariant();
        var text = matrix.Summary(environment, row).Replace(" · DRIFT", "").Replace("MISSING", "missing");
        var drifted = matrix.Summary(environment, row).Contains("DRIFT");
        var anchor = environment.IsReadable ? row.Anchor(environment) : Anchor(environment);
        var badge = drifted ? "<span class=\"badge drift\">drift</span>" : "";
        return $"<td class=\"{css}\"><a href=\"#{anchor}\">{E(text)}{badge}</a></td>";
    }

    private static string Details(EnvironmentStatus environment)
    {
        var html = new StringBuilder($"<section id=\"{Anchor(environment)}\"><h2>{E(environment.Name)} " +
                                     $"<span class=\"muted\">{E(environment.Namespace)}</span></h2>");
        var cluster = environment.Cluster.Length > 0 ? $" · {E(environment.Cluster)}" : "";
        html.Append($"<p>{E(environment.State)}{cluster}" +
                    $"{(environment.Message != null ? $" · {E(environment.Message)}" : "")}</p>");
        foreach (var release in environment.Releases)
        {
            var releaseRow = new StatusRow(release.Name, null);
            html.Append($"<h3 id=\"{releaseRow.Anchor(environment)}\">{E(release.Name)}</h3>");
            if (!release.IsDeployed)
            {
                html.Append("<p class=\"muted\">not deployed</p>");
                continue;
            }
            html.Append($"<p>revision {release.Revision} ({E(release.HelmStatus)}) · chart {E(release.Chart)} · " +
                        $"app version {E(release.AppVersion)} · deployed {E(release.DeployedAt?.ToString("u"))} · " +
                        $"commit <code>{E(release.Commit ?? "unknown")}</code></p><ul>");
            foreach (var drift in release.Drift)
                html.Append($"<li><span class=\"badge drift\">drift</span> {E(drift)}</li>");
            foreach (var workload in release.Workloads)
            {
                var row = new StatusRow(release.Name, workload.Name);
                html.Append($"<li id=\"{row.Anchor(environment)}\">{E(workload.Kind)} <b>{E(workload.Name)}</b>: " +
                            (workload.Missing ? "<span class=\"badge bad\">missing</span>"
                                : $"{workload.Ready}/{workload.Desired} ready") + "<ul>");
                foreach (var image in workload.Images)
                    html.Append($"<li><code>{E(image.Reference)}</code>" + (image.Digest is { } digest &&
                        !image.Reference.Contains(digest) ? $" <code>{E(digest)}</code>" : "") + "</li>");
                foreach (var drift in workload.Drift)
                    html.Append($"<li><span class=\"badge drift\">drift</span> {E(drift)}</li>");
                html.Append("</ul></li>");
            }
            html.Append("</ul>");
        }
        return html.Append("</section>\n").ToString();
    }

    private static string Anchor(EnvironmentStatus environment) =>
        new StatusRow("", null).Anchor(environment) + "env";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
