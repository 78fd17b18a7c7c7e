using System.Text;
using System.Text.Json.Nodes;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;

namespace Slipway.LocalStack.Node;

/// <summary>
/// NODE SIMULATOR — stands in for a kubelet, which cannot run here. It runs no container: it watches Pending pods and,
/// for each container image, asks the registry whether the image exists. If every image exists, the pod becomes
/// Running and Ready (a Job's pod Succeeded, or Failed when annotated <c>slipway.io/simulated-outcome: Failed</c>);
/// if not, its containers wait with ErrImagePull and the registry's message, and a Warning event is recorded —
/// so a wrong tag fails a deploy the way it would on a real cluster.
/// </summary>
public sealed class SimulatedNode(KubernetesClient kubernetes, ImageAvailability images, Action<string>? log = null)
{
    public const string OutcomeAnnotation = "slipway.io/simulated-outcome";
    public const string Component = "slipway-node-simulator";

    /// <summary>Per pod uid: failed pull attempts, when the last one was, when to try again (kubelet-style back-off).</summary>
    private readonly Dictionary<string, (int Attempts, DateTime Last, DateTime Next)> _pullFailures = new();

    /// <summary>One pass over every Pending pod; returns how many pods changed state.</summary>
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var pods = await kubernetes.ListAsync(KubernetesResources.Pods(), fieldSelector: "status.phase=Pending", ct: ct);
        var pending = pods.Select(p => p["metadata"]!["uid"]!.GetValue<string>()).ToHashSet();
        foreach (var gone in _pullFailures.Keys.Where(uid => !pending.Contains(uid)).ToList()) _pullFailures.Remove(gone);
        var changed = 0;
        foreach (var pod in pods)
        {
            if (pod["metadata"]?["deletionTimestamp"] != null) continue;
            try
            {
                if (await ReconcileAsync(pod, ct)) changed++;
            }
            catch (KubernetesException e) when (e.IsNotFound || e.IsConflict)
            {
                // the pod went away or changed meanwhile: the next pass sees its new state
            }
        }
        return changed;
    }

    private async Task<bool> ReconcileAsync(JsonObject pod, CancellationToken ct)
    {
        var ns = pod["metadata"]!["namespace"]!.GetValue<string>();
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        var uid = pod["metadata"]!["uid"]!.GetValue<string>();
        var spec = pod["spec"]!;
        var containers = Containers(spec, "containers");
        var initContainers = Containers(spec, "initContainers");
        if (_pullFailures.TryGetValue(uid, out var failures) && DateTime.UtcNow < failures.Next)
        {
            // between pull attempts a kubelet reports ImagePullBackOff
            if (DateTime.UtcNow - failures.Last < TimeSpan.FromSeconds(1) || WaitingReason(pod) == "ImagePullBackOff") return false;
            await PatchStatusAsync(ns, name, WithWaitingReason(pod, "ImagePullBackOff"), ct);
            return true;
        }
        var credentials = await PullCredentialsAsync(ns, spec, ct);

        var results = new Dictionary<string, (string? Digest, string? Error)>();
        foreach (var (_, image) in initContainers.Concat(containers))
            if (!results.ContainsKey(image))
                results[image] = await images.CheckAsync(image, credentials, ct);

        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var failed = results.Where(r => r.Value.Error != null).ToList();
        if (failed.Count > 0)
        {
            var attempts = failures.Attempts + 1;
            var backOff = TimeSpan.FromSeconds(Math.Min(30, 2 * Math.Pow(2, attempts - 1)));
            _pullFailures[uid] = (attempts, DateTime.UtcNow, DateTime.UtcNow + backOff);
            await PatchStatusAsync(ns, name, PendingStatus(containers, initContainers, results, "ErrImagePull", now), ct);
            foreach (var (image, result) in failed)
                await RecordEventAsync(pod, "Warning", "Failed", $"Failed to pull image \"{image}\": {result.Error}", now, ct);
            log?.Invoke($"{ns}/{name}: ErrImagePull ({string.Join(", ", failed.Select(f => f.Key))}), next attempt in {backOff.TotalSeconds:0} s");
            return true;
        }

        _pullFailures.Remove(uid);
        var isJobPod = pod["metadata"]?["ownerReferences"]?.AsArray().Any(o => o?["kind"]?.GetValue<string>() == "Job") == true;
        var outcome = pod["metadata"]?["annotations"]?[OutcomeAnnotation]?.GetValue<string>();
        JsonObject status = isJobPod || outcome != null
            ? FinishedStatus(containers, initContainers, results, succeeded: !string.Equals(outcome, "Failed", StringComparison.OrdinalIgnoreCase), now)
            : RunningStatus(containers, initContainers, results, now);
        await PatchStatusAsync(ns, name, status, ct);
        await RecordEventAsync(pod, "Normal", "Started", $"Started containers {string.Join(", ", containers.Select(c => c.Name))} (simulated node)", now, ct);
        log?.Invoke($"{ns}/{name}: {status["phase"]}");
        return true;
    }

    private static string? WaitingReason(JsonObject pod) =>
        pod["status"]?["containerStatuses"]?.AsArray().Select(c => c?["state"]?["waiting"]?["reason"]?.GetValue<string>()).FirstOrDefault(r => r != null);

    /// <summary>The pod's current status with every failed pull's waiting reason replaced.</summary>
    private static JsonObject WithWaitingReason(JsonObject pod, string reason)
    {
        var status = pod["status"]!.DeepClone().AsObject();
        foreach (var key in new[] { "containerStatuses", "initContainerStatuses" })
            foreach (var container in status[key]?.AsArray() ?? [])
                if (container?["state"]?["waiting"] is JsonObject waiting && waiting["reason"]?.GetValue<string>() is "ErrImagePull" or "ImagePullBackOff")
                {
                    waiting["reason"] = reason;
                    waiting["message"] = $"Back-off pulling image \"{container["image"]}\"";
                }
        return status;
    }

    private static List<(string Name, string Image)> Containers(JsonNode spec, string key) =>
        spec[key]?.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["image"]!.GetValue<string>())).ToList() ?? [];

    /// <summary>Registry credentials from the pod's imagePullSecrets (kubernetes.io/dockerconfigjson), per registry host.</summary>
    private async Task<IReadOnlyDictionary<string, RegistryCredentials>> PullCredentialsAsync(string ns, JsonNode spec, CancellationToken ct)
    {
        var result = new Dictionary<string, RegistryCredentials>();
        foreach (var reference in spec["imagePullSecrets"]?.AsArray() ?? [])
        {
            var secretName = reference?["name"]?.GetValue<string>();
            if (secretName == null) continue;
            var secret = await kubernetes.TryGetAsync(KubernetesResources.Secret(ns, secretName), ct);
            var encoded = secret?["data"]?[".dockerconfigjson"]?.GetValue<string>();
            if (encoded == null) continue;
            var config = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            foreach (var (host, auth) in config?["auths"]?.AsObject() ?? [])
            {
                var username = auth?["username"]?.GetValue<string>();
                var password = auth?["password"]?.GetValue<string>();
                if ((username == null || password == null) && auth?["auth"]?.GetValue<string>() is { } basic)
                {
                    var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic)).Split(':', 2);
                    (username, password) = (pair[0], pair.ElementAtOrDefault(1));
                }
                if (username != null && password != null)
                    result.TryAdd(new Uri(host.Contains("://") ? host : "http://" + host).Authority, new RegistryCredentials(username, password));
            }
        }
        return result;
    }

    private Task PatchStatusAsync(string ns, string name, JsonObject status, CancellationToken ct) =>
        kubernetes.MergePatchAsync(KubernetesResources.PodStatus(ns, name), new JsonObject { ["status"] = status }, ct);

    private static JsonObject RunningStatus(List<(string Name, string Image)> containers, List<(string Name, string Image)> init,
        Dictionary<string, (string? Digest, string? Error)> results, string now) => new()
    {
        ["phase"] = "Running",
        ["hostIP"] = "127.0.0.1",
        // no podIP: nothing routes to a simulated pod, and an IP without a node upsets the endpoint-slice controller
        ["startTime"] = now,
        ["conditions"] = Conditions(now, ready: true),
        ["initContainerStatuses"] = new JsonArray(init.Select(c => (JsonNode)ContainerStatus(c, results, now, Terminated(0, "Completed", now))).ToArray()),
        ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)ContainerStatus(c, results, now,
            new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } }, ready: true)).ToArray()),
    };

    private static JsonObject FinishedStatus(List<(string Name, string Image)> containers, List<(string Name, string Image)> init,
        Dictionary<string, (string? Digest, string? Error)> results, bool succeeded, string now) => new()
    {
        ["phase"] = succeeded ? "Succeeded" : "Failed",
        ["hostIP"] = "127.0.0.1",
        ["startTime"] = now,
        ["conditions"] = Conditions(now, ready: false),
        ["initContainerStatuses"] = new JsonArray(init.Select(c => (JsonNode)ContainerStatus(c, results, now, Terminated(0, "Completed", now))).ToArray()),
        ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)ContainerStatus(c, results, now,
            succeeded ? Terminated(0, "Completed", now)
                : Terminated(1, "Error", now, $"simulated failure requested by the {OutcomeAnnotation} annotation"))).ToArray()),
    };

    private static JsonObject PendingStatus(List<(string Name, string Image)> containers, List<(string Name, string Image)> init,
        Dictionary<string, (string? Digest, string? Error)> results, string reason, string now)
    {
        JsonObject Waiting((string Name, string Image) c) => ContainerStatus(c, results, now, new JsonObject
        {
            ["waiting"] = new JsonObject
            {
                ["reason"] = results[c.Image].Error != null ? reason : "PodInitializing",
                ["message"] = results[c.Image].Error is { } error ? (reason == "ImagePullBackOff" ? $"Back-off pulling image \"{c.Image}\"" : error) : null,
            },
        });
        return new JsonObject
        {
            ["phase"] = "Pending",
            ["hostIP"] = "127.0.0.1",
            ["startTime"] = now,
            ["conditions"] = Conditions(now, ready: false, reason: "ContainersNotReady"),
            ["initContainerStatuses"] = new JsonArray(init.Select(c => (JsonNode)Waiting(c)).ToArray()),
            ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)Waiting(c)).ToArray()),
        };
    }

    private static JsonObject ContainerStatus((string Name, string Image) container, Dictionary<string, (string? Digest, string? Error)> results,
        string now, JsonObject state, bool ready = false)
    {
        var digest = results[container.Image].Digest;
        var status = new JsonObject
        {
            ["name"] = container.Name,
            ["image"] = container.Image,
            ["imageID"] = digest != null ? $"docker-pullable://{ImageReference.Parse(container.Image) with { Tag = null, Digest = digest }}" : "",
            ["ready"] = ready,
            ["started"] = state.ContainsKey("running"),
            ["restartCount"] = 0,
            ["state"] = state,
        };
        if (digest != null) status["containerID"] = $"simulated://{container.Name}";
        return status;
    }

    private static JsonObject Terminated(int exitCode, string reason, string now, string? message = null) => new()
    {
        ["terminated"] = new JsonObject
        {
            ["exitCode"] = exitCode,
            ["reason"] = reason,
            ["message"] = message,
            ["startedAt"] = now,
            ["finishedAt"] = now,
        },
    };

    private static JsonArray Conditions(string now, bool ready, string? reason = null)
    {
        JsonObject Condition(string type, bool status) => new()
        {
            ["type"] = type,
            ["status"] = status ? "True" : "False",
            ["lastTransitionTime"] = now,
            ["reason"] = status ? null : reason ?? "PodCompleted",
        };
        return [Condition("Initialized", true), Condition("Ready", ready), Condition("ContainersReady", ready), Condition("PodScheduled", true)];
    }

    private async Task RecordEventAsync(JsonObject pod, string type, string reason, string message, string now, CancellationToken ct)
    {
        var ns = pod["metadata"]!["namespace"]!.GetValue<string>();
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        var body = new JsonObject
        {
            ["metadata"] = new JsonObject { ["generateName"] = name + ".", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "Pod", ["namespace"] = ns, ["name"] = name,
                ["uid"] = pod["metadata"]!["uid"]!.GetValue<string>(),
            },
            ["type"] = type,
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = Component },
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
        };
        await kubernetes.CreateAsync(KubernetesResources.Events(ns), body, ct);
    }
}
