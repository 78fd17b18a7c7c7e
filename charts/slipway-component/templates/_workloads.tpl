{{/*
Workloads. Root context. A component chart renders "slipway-component.app" (Deployment, Service, Ingress,
VirtualService) or "slipway-component.statefulApp" (StatefulSet, headless and client Services) in one template file.
*/}}

{{- define "slipway-component.replicas" -}}
{{- if hasKey .Values "replicaCount" -}}
{{- .Values.replicaCount | int -}}
{{- else -}}
1
{{- end -}}
{{- end -}}

{{- define "slipway-component.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "slipway-component.fullname" . }}
  labels:
    {{- include "slipway-component.labels" . | nindent 4 }}
  {{- with .Values.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  replicas: {{ include "slipway-component.replicas" . }}
  revisionHistoryLimit: {{ .Values.revisionHistoryLimit | default 5 }}
  selector:
    matchLabels:
      {{- include "slipway-component.selectorLabels" . | nindent 6 }}
  {{- with .Values.strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  template:
    {{- include "slipway-component.podTemplate" . | nindent 4 }}
{{- end -}}

{{/*
A StatefulSet. persistence: {enabled, size, storageClass, accessModes, mountPath}: enabled → a volumeClaimTemplate
"data" mounted at mountPath; disabled → an emptyDir there.
*/}}
{{- define "slipway-component.statefulset" -}}
{{- $persistence := .Values.persistence | default dict -}}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ include "slipway-component.fullname" . }}
  labels:
    {{- include "slipway-component.labels" . | nindent 4 }}
  {{- with .Values.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  serviceName: {{ include "slipway-component.fullname" . }}-headless
  replicas: {{ include "slipway-component.replicas" . }}
  revisionHistoryLimit: {{ .Values.revisionHistoryLimit | default 5 }}
  podManagementPolicy: {{ .Values.podManagementPolicy | default "OrderedReady" }}
  selector:
    matchLabels:
      {{- include "slipway-component.selectorLabels" . | nindent 6 }}
  template:
    {{- include "slipway-component.podTemplate" . | nindent 4 }}
  {{- if and $persistence.enabled $persistence.mountPath }}
  volumeClaimTemplates:
    - metadata:
        name: data
        labels:
          {{- include "slipway-component.selectorLabels" . | nindent 10 }}
      spec:
        accessModes:
          {{- toYaml ($persistence.accessModes | default (list "ReadWriteOnce")) | nindent 10 }}
        {{- with $persistence.storageClass }}
        storageClassName: {{ . | quote }}
        {{- end }}
        resources:
          requests:
            storage: {{ $persistence.size | default "1Gi" | quote }}
  {{- end }}
{{- end -}}

{{/* The Service (service.enabled, default true): port service.port (default port) → the container's named port. */}}
{{- define "slipway-component.service" -}}
{{- $service := .Values.service | default dict -}}
{{- if and .Values.port (ne (toString $service.enabled) "false") -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "slipway-component.fullname" . }}
  labels:
    {{- include "slipway-component.labels" . | nindent 4 }}
  {{- $annotations := deepCopy ($service.annotations | default dict) }}
  {{- if (.Values.route | default dict).enabled }}
  {{- /* read by the deploy report, which prints where a routed component answers */}}
  {{- $_ := set $annotations "slipway.io/route" (include "slipway-component.routePrefix" .) }}
  {{- end }}
  {{- with $annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $service.type | default "ClusterIP" }}
  selector:
    {{- include "slipway-component.selectorLabels" . | nindent 4 }}
  ports:
    - name: {{ .Values.portName | default "http" }}
      port: {{ $service.port | default .Values.port }}
      targetPort: {{ .Values.portName | default "http" }}
      protocol: TCP
{{- end -}}
{{- end -}}

{{/* The headless Service a StatefulSet's pods get their stable names from. */}}
{{- define "slipway-component.headlessService" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "slipway-component.fullname" . }}-headless
  labels:
    {{- include "slipway-component.labels" . | nindent 4 }}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    {{- include "slipway-component.selectorLabels" . | nindent 4 }}
  ports:
    - name: {{ .Values.portName | default "http" }}
      port: {{ .Values.port }}
      targetPort: {{ .Values.portName | default "http" }}
      protocol: TCP
{{- end -}}
