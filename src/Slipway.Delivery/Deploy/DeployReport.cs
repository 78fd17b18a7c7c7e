using System.Text;
using System.Text.Json;
using Slipway.Engine;
using Spectre.Console;

namespace Slipway.Delivery.Deploy;

/// <summary>artifacts/deploy-&lt;env&gt;.md and .json — what ran where: releases, revisions, images with digests, durations — and the same as a table.</summary>
public static class DeployReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(AbsolutePath artifacts, DeployContext context, string commit, string run,
        IReadOnlyList<ReleaseOutcome> outcomes, IReadOnlyList<RoutedEndpoint> endpoints)
    {
        artifacts.CreateDirectory();
        var environment = context.Environment.Name;
        var cluster = context.Cluster.Config;
        var document = new
        {
            environment, commit, run, finishedAt = DateTimeOffset.UtcNow,
            cluster = new { server = cluster.Server.ToString(), context = cluster.ContextName, source = context.Cluster.Source },
            @namespace = context.Namespace,
            releases = outcomes,
            endpoints,
        };
        File.WriteAllText(artifacts / $"deploy-{environment}.json", JsonSerializer.Serialize(document, Json) + "\n");

        var md = new StringBuilder($"# Deploy to {environment}\n\nCommit `{commit}`, finished {DateTimeOffset.UtcNow:u}.\n\n" +
                                   $"Cluster `{cluster.Server}` (context `{cluster.ContextName}`, from {context.Cluster.Source}), " +
                                   $"namespace `{context.Namespace}`.\n\n");
        md.Append("| Release | Namespace | Chart | Revision | Result | Duration |\n|---|---|---|---|---|---|\n");
        foreach (var o in outcomes)
            md.Append($"| {o.Release} | {o.Namespace} | {o.Chart} | {Revisions(o)} | {o.Result}{(o.Recovery != null ? " (recovered)" : "")} | {Durations(o.Duration)} |\n");
        if (endpoints.Count > 0)
        {
            md.Append("\n## Where it answers\n\n");
            foreach (var e in endpoints) md.Append($"- {e.Component} ({e.Release}): {e.Url}\n");
        }
        foreach (var o in outcomes)
        {
            md.Append($"\n## {o.Release}\n\n");
            if (o.Recovery != null) md.Append($"Recovered first: {o.Recovery}.\n\n");
            if (o.Error != null)
                md.Append($"{char.ToUpperInvariant(o.Result[0])}{o.Result[1..]}:\n\n```\n{o.Error}\n```\n\n");
            foreach (var image in o.Images) md.Append($"- `{image.Reference}` {(image.Digest != null ? $"`{image.Digest}`" : "(digest unknown)")}\n");
        }
        File.WriteAllText(artifacts / $"deploy-{environment}.md", md.ToString());
    }

    /// <summary>Deletes the environment's report when it is the namespace's (a destroyed preview's); returns the files.</summary>
    public static IReadOnlyList<string> RemoveFor(AbsolutePath artifacts, string environment, string ns)
    {
        var json = artifacts / $"deploy-{environment}.json";
        if (!json.FileExists) return [];
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            if (!document.RootElement.TryGetProperty("namespace", out var reported) || reported.GetString() != ns)
                return [];
        }
        catch (JsonException)
        {
            return [];
        }
        var removed = new List<string>();
        foreach (var file in new[] { json, artifacts / $"deploy-{environment}.md" }.Where(f => f.FileExists))
        {
            File.Delete(file);
            removed.Add(file.Name);
        }
        return removed;
    }

    /// <summary>
    /// Every release in order: this target's outcome, else an earlier target's of the same run (DeployBase before
    /// DeployApps) from the last report; a release this run did not deploy is "skipped", never an older run's row.
    /// </summary>
    public static IReadOnlyList<ReleaseOutcome> MergeWithEarlier(AbsolutePath artifacts, string environment,
        IReadOnlyList<ReleaseDefinition> releases, IReadOnlyList<ReleaseOutcome> now, string run)
    {
        var earlier = EarlierOfRun(artifacts / $"deploy-{environment}.json", run);
        return releases.Select(r => now.FirstOrDefault(o => o.Release == r.ReleaseName)
                                    ?? earlier.FirstOrDefault(o => o.Release == r.ReleaseName)
                                    ?? new ReleaseOutcome
                                    {
                                        Release = r.ReleaseName, Namespace = now.FirstOrDefault()?.Namespace ?? "",
                                        Result = "skipped", Error = "not deployed by this run",
                                    })
            .ToList();
    }

    private static List<ReleaseOutcome> EarlierOfRun(AbsolutePath file, string run)
    {
        if (!file.FileExists) return [];
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (!document.RootElement.TryGetProperty("run", out var reported) || reported.GetString() != run) return [];
            return document.RootElement.GetProperty("releases").Deserialize<List<ReleaseOutcome>>(Json) ?? [];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return [];
        }
    }

    public static void Render(IReadOnlyList<ReleaseOutcome> outcomes, IReadOnlyList<RoutedEndpoint> endpoints)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Deploy[/]")
            .AddColumn("Release").AddColumn("Revision").AddColumn("Result").AddColumn("Images (digest)").AddColumn(new TableColumn("Duration").RightAligned());
        foreach (var o in outcomes)
        {
            var color = o.Result switch
            {
                "failed" or "interrupted" => "red",
                "not run" or "drifted" => "yellow",
                "unchanged" or "skipped" => "grey",
                _ => "green",
            };
            table.AddRow(
                Markup.Escape($"{o.Release} ({o.Namespace})"),
                Revisions(o),
                $"[{color}]{o.Result}[/]" + (o.Recovery != null ? " [yellow](recovered)[/]" : ""),
                Markup.Escape(string.Join("\n", o.Images.Select(i => $"{i.Reference.Split('/').Last()} {i.Digest?[..19] ?? "?"}"))),
                Durations(o.Duration));
        }
        BuildOutput.Current.Render(table);
        foreach (var e in endpoints) Log.Information($"{e.Component} answers at {e.Url}");
    }

    private static string Revisions(ReleaseOutcome o) => $"{o.RevisionBefore?.ToString() ?? "–"} → {o.RevisionAfter?.ToString() ?? "–"}";

    private static string Durations(TimeSpan duration) => duration.TotalSeconds < 60 ? $"{duration.TotalSeconds:0.0} s" : $"{duration:m\\:ss} min";
}
