namespace Slipway.Delivery.Tests.Drift;

/// <summary>
/// A chart of what people change by hand: a Deployment whose container reads env (a value and a key of the chart's
/// Secret), the Secret itself, and a ConfigMap. Its pods really run on the stack's node.
/// </summary>
internal static class DriftChart
{
    public static string Write(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "templates"));
        File.WriteAllText(Path.Combine(directory, "Chart.yaml"),
            "apiVersion: v2\nname: drift\nversion: 0.1.0\nappVersion: \"0.1.0\"\n");
        File.WriteAllText(Path.Combine(directory, "values.yaml"), "image: \"\"\ngreeting: hello\n");
        File.WriteAllText(Path.Combine(directory, "templates", "objects.yaml"), """
            apiVersion: v1
            kind: Secret
            metadata:
              name: {{ .Release.Name }}-credentials
            stringData:
              password: s3cret-from-the-chart
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-settings
            data:
              mode: "strict"
              retries: "3"
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-api
              labels: { app.kubernetes.io/instance: {{ .Release.Name }} }
            spec:
              replicas: 1
              selector:
                matchLabels: { app.kubernetes.io/instance: {{ .Release.Name }}, app: api }
              template:
                metadata:
                  labels: { app.kubernetes.io/instance: {{ .Release.Name }}, app: api }
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                    - name: api
                      image: {{ .Values.image | quote }}
                      command: ["sleep", "infinity"]
                      env:
                        - name: GREETING
                          value: {{ .Values.greeting | quote }}
                        - name: PASSWORD
                          valueFrom: { secretKeyRef: { name: {{ .Release.Name }}-credentials, key: password } }
                        - name: NODE
                          valueFrom: { fieldRef: { fieldPath: spec.nodeName } }
                      ports:
                        - containerPort: 8080
            """);
        return directory;
    }
}
