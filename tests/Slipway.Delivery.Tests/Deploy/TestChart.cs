namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// A small chart written to a temp dir: a Deployment of one image (a shell that stays up, or with <c>crash</c> prints
/// and exits 3, or with <c>memoryHog</c> outgrows a 24 MiB limit) and an optional pre-install/pre-upgrade hook Job
/// that prints what it declares and, with <c>hook.fails</c>, exits 1 (with <c>hook.hangs</c>, never ends).
/// The pods really run on the stack's node.
/// </summary>
internal static class TestChart
{
    public static string Write(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "templates"));
        File.WriteAllText(Path.Combine(directory, "Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: \"0.1.0\"\n");
        File.WriteAllText(Path.Combine(directory, "values.yaml"), "image: \"\"\nreplicas: 1\nkind: Deployment\n" +
            "crash: false\nmemoryHog: false\nhook:\n  enabled: false\n  fails: false\n  hangs: false\n");
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
                  terminationGracePeriodSeconds: 1
                  containers:
                    - name: web
                      image: {{ required "image is required" .Values.image | quote }}
                      {{- if .Values.crash }}
                      command: ["sh", "-c", "echo starting web; echo 'cannot open /etc/web/config.json' >&2; exit 3"]
                      {{- else if .Values.memoryHog }}
                      command: ["tail", "/dev/zero"]
                      resources: { limits: { memory: 24Mi } }
                      # not ready before it has had the time to outgrow its limit (as an app that fails under load)
                      readinessProbe: { exec: { command: ["true"] }, initialDelaySeconds: 5, periodSeconds: 1 }
                      {{- else }}
                      command: ["sleep", "infinity"]
                      {{- end }}
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
                spec:
                  restartPolicy: Never
                  containers:
                    - name: bootstrap
                      image: {{ .Values.image | quote }}
                      {{- if .Values.hook.fails }}
                      command: ["sh", "-c", "echo declaring exchange orders; echo 'broker refused: access denied' >&2; exit 1"]
                      {{- else if .Values.hook.hangs }}
                      command: ["sleep", "infinity"]
                      {{- else }}
                      command: ["sh", "-c", "echo declaring exchange orders; echo created exchange orders"]
                      {{- end }}
            {{- end }}
            """);
        return directory;
    }
}
