{{/*
The pod template (metadata + spec) shared by the Deployment and the StatefulSet. Root context.
*/}}
{{- define "slipway-component.podTemplate" -}}
{{- $name := include "slipway-component.name" . -}}
{{- $portName := .Values.portName | default "http" -}}
metadata:
  labels:
    {{- include "slipway-component.selectorLabels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with .Values.podAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with include "slipway-component.imagePullSecrets" . | trim }}
  {{- . | nindent 2 }}
  {{- end }}
  automountServiceAccountToken: {{ .Values.automountServiceAccountToken | default false }}
  {{- with .Values.podSecurityContext }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.terminationGracePeriodSeconds }}
  terminationGracePeriodSeconds: {{ . }}
  {{- end }}
  containers:
    - name: {{ $name }}
      image: {{ include "slipway-component.image" . | quote }}
      {{- with include "slipway-component.pullPolicy" . }}
      imagePullPolicy: {{ . }}
      {{- end }}
      {{- with .Values.command }}
      command:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if .Values.port }}
      ports:
        - name: {{ $portName }}
          containerPort: {{ .Values.port }}
          protocol: TCP
      {{- end }}
      {{- $env := include "slipway-component.env" . | trim }}
      {{- if $env }}
      env:
        {{- $env | nindent 8 }}
      {{- end }}
      {{- with .Values.envFrom }}
      envFrom:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- $probes := .Values.probes | default dict }}
      {{- range $kind := list "startup" "liveness" "readiness" }}
      {{- with index $probes $kind }}
      {{ $kind }}Probe:
        {{- include "slipway-component.probe" (dict "probe" . "portName" $portName) | nindent 8 }}
      {{- end }}
      {{- end }}
      {{- with .Values.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.securityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- $mounts := include "slipway-component.volumeMounts" . | trim }}
      {{- if $mounts }}
      volumeMounts:
        {{- $mounts | nindent 8 }}
      {{- end }}
  {{- $volumes := include "slipway-component.volumes" . | trim }}
  {{- if $volumes }}
  volumes:
    {{- $volumes | nindent 4 }}
  {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/*
The container's environment: <portEnv> (default ASPNETCORE_HTTP_PORTS) = port, so the process serves the port the
Service and probes use; BUS__TOPICS = the names of the topics in bus.topics; then env (a NAME: value map, sorted);
then extraEnv (raw EnvVar entries, e.g. valueFrom).
*/}}
{{- define "slipway-component.env" -}}
{{- $portEnv := .Values.portEnv | default "" -}}
{{- if and .Values.port $portEnv }}
- name: {{ $portEnv }}
  value: {{ .Values.port | toString | quote }}
{{- end }}
{{- $topics := list -}}
{{- range (dig "topics" list (.Values.bus | default dict)) -}}
{{- if kindIs "map" . -}}
{{- $topics = append $topics (required "bus.topics entries need a name" .name | toString) -}}
{{- else -}}
{{- $topics = append $topics (toString .) -}}
{{- end -}}
{{- end -}}
{{- if $topics }}
- name: BUS__TOPICS
  value: {{ join "," $topics | quote }}
{{- end }}
{{- range $key, $value := .Values.env }}
- name: {{ $key }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* A probe from a dict {probe, portName}: httpGet/tcpSocket/grpc get port <portName> unless they name one. */}}
{{- define "slipway-component.probe" -}}
{{- $probe := deepCopy .probe -}}
{{- range $handler := list "httpGet" "tcpSocket" -}}
{{- if hasKey $probe $handler -}}
{{- $spec := index $probe $handler | default dict -}}
{{- if not (hasKey $spec "port") -}}
{{- $_ := set $spec "port" $.portName -}}
{{- end -}}
{{- $_ := set $probe $handler $spec -}}
{{- end -}}
{{- end -}}
{{- toYaml $probe -}}
{{- end -}}

{{/* Volume mounts: /tmp (tmpDir, for a read-only root filesystem), the data volume (persistence.mountPath), extraVolumeMounts. */}}
{{- define "slipway-component.volumeMounts" -}}
{{- if .Values.tmpDir }}
- name: tmp
  mountPath: /tmp
{{- end }}
{{- $persistence := .Values.persistence | default dict -}}
{{- if $persistence.mountPath }}
- name: data
  mountPath: {{ $persistence.mountPath }}
{{- end }}
{{- with .Values.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Volumes: tmp (emptyDir), data as an emptyDir when persistence is off (with persistence on, the StatefulSet's
volumeClaimTemplate provides it), extraVolumes.
*/}}
{{- define "slipway-component.volumes" -}}
{{- if .Values.tmpDir }}
- name: tmp
  emptyDir: {}
{{- end }}
{{- $persistence := .Values.persistence | default dict -}}
{{- if and $persistence.mountPath (not $persistence.enabled) }}
- name: data
  emptyDir: {}
{{- end }}
{{- with .Values.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end -}}
