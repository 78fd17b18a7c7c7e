using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;

namespace Slipway.Delivery.Deploy;

/// <summary>Where a routed component answers after a deploy.</summary>
/// <param name="Url">An address to open, or how to reach the component when the cluster gives it none.</param>
public sealed record RoutedEndpoint(string Release, string Component, string Url);

/// <summary>
/// Finds the routed components of a namespace (their Services carry the chart's <c>slipway.io/route</c> annotation)
/// and says where each answers: the Ingress host when there is one; on the local stack, whose host is the node and
/// routes Service IPs, the Service's cluster IP; elsewhere, the port-forward that reaches it.
/// </summary>
public static class RoutedEndpoints
{
    public const string RouteAnnotation = "slipway.io/route";

    public static async Task<IReadOnlyList<RoutedEndpoint>> ListAsync(KubernetesClient kubernetes, string ns,
        bool serviceIpsReachable, CancellationToken ct)
    {
        var services = await kubernetes.ListAsync(KubernetesResources.Services(ns), ct: ct);
        var routed = services.Where(s => s["metadata"]?["annotations"]?[RouteAnnotation] != null).ToList();
        if (routed.Count == 0) return [];
        var ingresses = await kubernetes.ListAsync($"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses", ct: ct);
        return routed.Select(service => Endpoint(service, ingresses, ns, serviceIpsReachable))
            .OrderBy(e => e.Release, StringComparer.Ordinal).ThenBy(e => e.Component, StringComparer.Ordinal).ToList();
    }

    private static RoutedEndpoint Endpoint(JsonObject service, IReadOnlyList<JsonObject> ingresses, string ns,
        bool serviceIpsReachable)
    {
        var metadata = service["metadata"]!;
        var name = metadata["name"]!.GetValue<string>();
        var release = metadata["labels"]?["app.kubernetes.io/instance"]?.GetValue<string>() ?? "";
        var component = metadata["labels"]?["app.kubernetes.io/name"]?.GetValue<string>() ?? name;
        var prefix = metadata["annotations"]![RouteAnnotation]!.GetValue<string>();
        var port = service["spec"]?["ports"]?[0]?["port"]?.GetValue<int>() ?? 80;
        var ingress = ingresses.FirstOrDefault(i => i["metadata"]?["name"]?.GetValue<string>() == name);
        var host = ingress?["spec"]?["rules"]?[0]?["host"]?.GetValue<string>();
        if (host != null)
        {
            var tls = ingress!["spec"]?["tls"]?.AsArray().Count > 0;
            return new RoutedEndpoint(release, component, $"{(tls ? "https" : "http")}://{host}{prefix}");
        }
        var clusterIp = service["spec"]?["clusterIP"]?.GetValue<string>();
        if (serviceIpsReachable && clusterIp is { Length: > 0 } and not "None")
            return new RoutedEndpoint(release, component, $"http://{clusterIp}:{port}/");
        return new RoutedEndpoint(release, component, $"kubectl -n {ns} port-forward service/{name} {port}");
    }
}
