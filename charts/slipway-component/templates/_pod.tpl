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
  {{- $secretVersions := include "slipway-component.secretVersionAnnotations" . | trim }}
  {{- if or .Values.podAnnotations $secretVersions }}
  annotations:
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with $secretVersions }}
    {{- . | nindent 4 }}
    {{- end }}
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
Service and probes use; BUS__TOPICS = the names of the topics in bus.topics; where the bus and the database are
(connectionEnv) for a component that declares bus or database; then env (a NAME: value map, sorted); then extraEnv
(raw EnvVar entries, e.g. valueFrom: the passwords).
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
{{- include "slipway-component.connectionEnv" (dict "global" .Values.global "bus" (not (empty .Values.bus)) "database" (not (empty .Values.database))) }}
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

{{/*
Where the environment's bus and database are, from a dict {global, bus, database}: BUS__BROKER and BUS__EXCHANGE
from global.bus when bus is true; DATABASE__HOST, __PORT, __NAME, __USER from global.database when database is true.
Passwords are not here: they come from Secrets (extraEnv).
*/}}
{{- define "slipway-component.connectionEnv" -}}
{{- $global := .global | default dict -}}
{{- if and .bus $global.bus }}
{{- with $global.bus.broker }}
- name: BUS__BROKER
  value: {{ . | toString | quote }}
{{- end }}
{{- with $global.bus.exchange }}
- name: BUS__EXCHANGE
  value: {{ . | toString | quote }}
{{- end }}
{{- with $global.bus.user }}
- name: BUS__USER
  value: {{ . | toString | quote }}
{{- end }}
{{- end }}
{{- if and .database $global.database }}
{{- range $key := list "host" "port" "name" "user" }}
{{- with index $global.database $key }}
- name: DATABASE__{{ upper $key }}
  value: {{ . | toString | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
One annotation slipway.io/secret-<name>: <version> per Secret the container reads (extraEnv secretKeyRef, envFrom
secretRef) whose version the build passes in global.secretVersions (a keyed hash of its data, never the data): a
rotated value changes the pod template, so exactly the workloads that read it roll.
*/}}
{{- define "slipway-component.secretVersionAnnotations" -}}
{{- $versions := dig "secretVersions" dict (.Values.global | default dict) -}}
{{- $names := list -}}
{{- range .Values.extraEnv -}}
{{- with dig "valueFrom" "secretKeyRef" "name" "" (. | default dict) -}}
{{- $names = append $names . -}}
{{- end -}}
{{- end -}}
{{- range .Values.envFrom -}}
{{- with dig "secretRef" "name" "" (. | default dict) -}}
{{- $names = append $names . -}}
{{- end -}}
{{- end -}}
{{- range $name := $names | uniq | sortAlpha }}
{{- with index $versions $name }}
slipway.io/secret-{{ $name }}: {{ . | quote }}
{{- end }}
{{- end }}
{{- end -}}
