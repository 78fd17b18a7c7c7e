{{/*
Names, labels and small shared helpers. Every template takes the component chart's root context (".")
unless it says otherwise.
*/}}

{{/* The component name: nameOverride, else the chart name (e.g. orders-api). */}}
{{- define "slipway-component.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The resource name: fullnameOverride, else the component name. Not prefixed by the release name: each
environment (and each preview) has its own namespace, and other components reach this one by its plain name.
*/}}
{{- define "slipway-component.fullname" -}}
{{- default (include "slipway-component.name" .) .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The entity namespace (e.g. shop) or "": global.entityNamespace, else entityNamespace. */}}
{{- define "slipway-component.entityNamespaceOrEmpty" -}}
{{- $global := .Values.global | default dict -}}
{{- $global.entityNamespace | default .Values.entityNamespace | default "" -}}
{{- end -}}

{{/* The entity namespace, required (it names image repositories and route prefixes). */}}
{{- define "slipway-component.entityNamespace" -}}
{{- required "global.entityNamespace (e.g. shop) is required: it names image repositories (<entity-namespace>/<app>) and route prefixes" (include "slipway-component.entityNamespaceOrEmpty" .) -}}
{{- end -}}

{{- define "slipway-component.selectorLabels" -}}
app.kubernetes.io/name: {{ include "slipway-component.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "slipway-component.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "slipway-component.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | default .Chart.Version | quote }}
{{- with include "slipway-component.entityNamespaceOrEmpty" . }}
app.kubernetes.io/part-of: {{ . }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
The route prefix under the gateway: route.prefix, else "/<entityNamespace>/<name>/". Must start and end with "/".
*/}}
{{- define "slipway-component.routePrefix" -}}
{{- $route := .Values.route | default dict -}}
{{- $prefix := $route.prefix | default (printf "/%s/%s/" (include "slipway-component.entityNamespace" .) (include "slipway-component.name" .)) -}}
{{- if not (and (hasPrefix "/" $prefix) (hasSuffix "/" $prefix)) -}}
{{- fail (printf "%s: route.prefix %q must start and end with \"/\" (e.g. /shop/orders-api/)" (include "slipway-component.name" .) $prefix) -}}
{{- end -}}
{{- $prefix -}}
{{- end -}}

{{/*
Whether a feature switch is on: the component's own "<key>.enabled" when set (true or false), else
global.<key>.enabled, else false. Call with (list . "ingress"). Renders "true" or "".
*/}}
{{- define "slipway-component.switch" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $own := index $root.Values $key | default dict -}}
{{- $global := index ($root.Values.global | default dict) $key | default dict -}}
{{- if hasKey $own "enabled" -}}
{{- if $own.enabled }}true{{ end -}}
{{- else if $global.enabled -}}
true
{{- end -}}
{{- end -}}
