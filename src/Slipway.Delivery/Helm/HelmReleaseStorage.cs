using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Helm;

/// <summary>
/// Helm's record of a release read straight from the cluster, where helm's default storage driver keeps it: one
/// Secret per revision (type helm.sh/release.v1, labels owner=helm, name, version, status; data.release is base64 of
/// gzipped JSON). One API call tells a deploy what is live, with no helm process; helm 3 and helm 4 store alike.
/// </summary>
public sealed class HelmReleaseStorage(KubernetesClient kubernetes)
{
    /// <summary>Whether helm keeps releases in Secrets here (HELM_DRIVER unset or "secret"); else ask helm.</summary>
    public static bool IsUsed =>
        Environment.GetEnvironmentVariable("HELM_DRIVER") is null or "" or "secret" or "secrets";

    /// <summary>The release's newest revision, or null when there is none.</summary>
    public async Task<StoredRelease?> LatestAsync(string release, string ns, CancellationToken ct)
    {
        // superseded revisions are never the newest: leaving them out keeps the answer small
        var secrets = await kubernetes.ListAsync(KubernetesResources.Secrets(ns),
            $"owner=helm,name={release},status!=superseded", ct: ct);
        var newest = secrets.MaxBy(Version);
        return newest == null ? null : Decode(newest, release, ns);
    }

    private static int Version(JsonObject secret) =>
        int.TryParse(secret["metadata"]?["labels"]?["version"]?.GetValue<string>(), NumberStyles.None,
            CultureInfo.InvariantCulture, out var version) ? version : 0;

    private static StoredRelease Decode(JsonObject secret, string release, string ns)
    {
        var data = secret["data"]?["release"]?.GetValue<string>()
                   ?? throw new HelmException($"helm's record of {release} in {ns} holds no release data.");
        var encoded = Encoding.ASCII.GetString(Convert.FromBase64String(data)); // the API's base64 over helm's
        var bytes = Convert.FromBase64String(encoded);
        if (bytes is [0x1f, 0x8b, ..])
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            bytes = plain.ToArray();
        }
        var json = JsonNode.Parse(bytes)!;
        var metadata = json["chart"]?["metadata"];
        var info = new HelmReleaseInfo(release, ns, json["version"]!.GetValue<int>(),
            json["info"]!["status"]!.GetValue<string>(), $"{metadata?["name"]}-{metadata?["version"]}",
            metadata?["appVersion"]?.GetValue<string>(), json["info"]?["description"]?.GetValue<string>());
        var rendered = RenderedRelease.From(json);
        return new StoredRelease(info, rendered.Manifest, rendered)
        {
            ServerSideApply = json["apply_method"]?.GetValue<string>() == "ssa",
            DeployedAt = json["info"]?["last_deployed"]?.GetValue<string>() is { } at &&
                         DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, out var time) ? time : null,
            Config = json["config"] as JsonObject ?? [],
        };
    }
}
