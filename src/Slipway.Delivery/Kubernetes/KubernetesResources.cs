namespace Slipway.Delivery.Kubernetes;

/// <summary>API paths of the resources Slipway reads and writes.</summary>
public static class KubernetesResources
{
    public static string Namespaces => "/api/v1/namespaces";
    public static string Namespace(string name) => $"/api/v1/namespaces/{name}";
    public static string Pods(string? ns = null) => ns == null ? "/api/v1/pods" : $"/api/v1/namespaces/{ns}/pods";
    public static string Pod(string ns, string name) => $"/api/v1/namespaces/{ns}/pods/{name}";
    public static string PodStatus(string ns, string name) => $"/api/v1/namespaces/{ns}/pods/{name}/status";
    public static string PodLog(string ns, string name, string? container = null, int tailLines = 50,
        bool previous = false) =>
        $"/api/v1/namespaces/{ns}/pods/{name}/log?tailLines={tailLines}"
        + (container != null ? $"&container={container}" : "") + (previous ? "&previous=true" : "");
    public static string Secrets(string ns) => $"/api/v1/namespaces/{ns}/secrets";
    public static string ServiceAccounts(string ns) => $"/api/v1/namespaces/{ns}/serviceaccounts";
    public static string Secret(string ns, string name) => $"/api/v1/namespaces/{ns}/secrets/{name}";
    public static string ConfigMaps(string ns) => $"/api/v1/namespaces/{ns}/configmaps";
    public static string ConfigMap(string ns, string name) => $"/api/v1/namespaces/{ns}/configmaps/{name}";
    public static string Events(string ns) => $"/api/v1/namespaces/{ns}/events";
    public static string Services(string ns) => $"/api/v1/namespaces/{ns}/services";
    public static string Deployments(string ns) => $"/apis/apps/v1/namespaces/{ns}/deployments";
    public static string Deployment(string ns, string name) => $"/apis/apps/v1/namespaces/{ns}/deployments/{name}";
    public static string StatefulSets(string ns) => $"/apis/apps/v1/namespaces/{ns}/statefulsets";
    public static string StatefulSet(string ns, string name) => $"/apis/apps/v1/namespaces/{ns}/statefulsets/{name}";
    public static string ReplicaSets(string ns) => $"/apis/apps/v1/namespaces/{ns}/replicasets";
    public static string Jobs(string ns) => $"/apis/batch/v1/namespaces/{ns}/jobs";
    public static string Job(string ns, string name) => $"/apis/batch/v1/namespaces/{ns}/jobs/{name}";
}
