namespace Slipway.Delivery.Tests.Deploy;

/// <summary>A small chart written to a temp dir: a Deployment of one image and an optional pre-install/pre-upgrade hook Job.</summary>
internal static class TestChart
{
    public static string Write(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "templates"));
        File.WriteAllText(Path.Combine(directory, "Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: \"0.1.0\"\n");
        File.WriteAllText(Path.Combine(directory, "values.yaml"), "image: \"\"\nreplicas: 1\nkind: Deployment\nhook:\n  enabled: false\n  fails: false\n");
        File.WriteAllText(Path.Combine(directory, "templates", "deployment.yaml"), """
            apiVersion: apps/v1
            kind: {{ .Values.kind }}
            metadata:
              name: {{ .Release.Name }}-web
              labels: { app.kubernetes.io/instance: {{ .Release.Name }} }
            spec:
              {{- if eq .Values.kind "StatefulSet" }}
              serviceName: {{ .Release.Name }}-web
              {{- end }}
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels: { app.kubernetes.io/instance: {{ .Release.Name }}, app: web }
              template:
                metadata:
                  labels: { app.kubernetes.io/instance: {{ .Release.Name }}, app: web }
                spec:
                  containers:
                    - name: web
                      image: {{ required "image is required" .Values.image | quote }}
            """);
        File.WriteAllText(Path.Combine(directory, "templates", "hook.yaml"), """
            {{- if .Values.hook.enabled }}
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{ .Release.Name }}-bootstrap
              labels: { app.kubernetes.io/instance: {{ .Release.Name }} }
              annotations:
                helm.sh/hook: pre-install,pre-upgrade
                helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
            spec:
              backoffLimit: 0
              template:
                metadata:
                  labels: { app.kubernetes.io/instance: {{ .Release.Name }} }
                  {{- if .Values.hook.fails }}
                  annotations: { slipway.io/simulated-outcome: Failed }
                  {{- end }}
                spec:
                  restartPolicy: Never
                  containers:
                    - name: bootstrap
                      image: {{ .Values.image | quote }}
            {{- end }}
            """);
        return directory;
    }
}
