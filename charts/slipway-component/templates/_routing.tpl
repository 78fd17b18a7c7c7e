{{/*
Routing under the gateway, both optional and off by default. A component is routed when route.enabled is true and
the feature is switched on: its own ingress.enabled / virtualService.enabled when set, else
global.ingress.enabled / global.virtualService.enabled. Other settings: the component's ingress.* /
virtualService.* over global.ingress.* / global.virtualService.*. The path is the route prefix
("slipway-component.routePrefix", default /<entityNamespace>/<name>/).
*/}}

{{- define "slipway-component.routeSettings" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $own := deepCopy (index $root.Values $key | default dict) -}}
{{- $global := deepCopy (index ($root.Values.global | default dict) $key | default dict) -}}
{{- toYaml (merge $own $global) -}}
{{- end -}}

{{/* networking.k8s.io/v1 Ingress: ingress.{className, host, annotations, tls}. Path rewriting is the controller's
(set it with ingress.annotations). */}}
{{- define "slipway-component.ingress" -}}
{{- $route := .Values.route | default dict -}}
{{- if and $route.enabled (include "slipway-component.switch" (list . "ingress")) -}}
{{- $settings := include "slipway-component.routeSettings" (list . "ingress") | fromYaml -}}
{{- $service := .Values.service | default dict -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "slipway-component.fullname" . }}
  labels:
    {{- include "slipway-component.labels" . | nindent 4 }}
  {{- with $settings.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $settings.className }}
  ingressClassName: {{ . | quote }}
  {{- end }}
  {{- with $settings.tls }}
  tls:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  rules:
    - http:
        paths:
          - path: {{ include "slipway-component.routePrefix" . }}
            pathType: Prefix
            backend:
              service:
                name: {{ include "slipway-component.fullname" . }}
                port:
                  number: {{ $service.port | default .Values.port }}
      {{- with $settings.host }}
      host: {{ . | quote }}
      {{- end }}
{{- end -}}
{{- end -}}

{{/* networking.istio.io/v1beta1 VirtualService: virtualService.{gateways (required), hosts (default ["*"]), annotations};
the route prefix is rewritten to route.rewrite (default "/"). */}}
{{- define "slipway-component.virtualService" -}}
{{- $route := .Values.route | default dict -}}
{{- if and $route.enabled (include "slipway-component.switch" (list . "virtualService")) -}}
{{- $settings := include "slipway-component.routeSettings" (list . "virtualService") | fromYaml -}}
{{- $service := .Values.service | default dict -}}
{{- $name := include "slipway-component.name" . -}}
apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: {{ include "slipway-component.fullname" . }}
  labels:
    {{- include "slipway-component.labels" . | nindent 4 }}
  {{- with $settings.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  hosts:
    {{- toYaml ($settings.hosts | default (list "*")) | nindent 4 }}
  {{- if not $settings.gateways }}
  {{- fail (printf "%s: set global.virtualService.gateways (or %s.virtualService.gateways): a VirtualService needs the gateway(s) it binds to" $name $name) }}
  {{- end }}
  gateways:
    {{- toYaml $settings.gateways | nindent 4 }}
  http:
    - name: {{ $name }}
      match:
        - uri:
            prefix: {{ include "slipway-component.routePrefix" . | quote }}
      rewrite:
        uri: {{ $route.rewrite | default "/" | quote }}
      route:
        - destination:
            host: {{ include "slipway-component.fullname" . }}
            port:
              number: {{ $service.port | default .Values.port }}
{{- end -}}
{{- end -}}

{{/* Everything a stateless component renders, as one multi-document string. */}}
{{- define "slipway-component.app" -}}
{{- $docs := list (include "slipway-component.deployment" .) (include "slipway-component.service" .) (include "slipway-component.ingress" .) (include "slipway-component.virtualService" .) -}}
{{- range $docs }}
{{- if trim . }}
---
{{ trim . }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Everything a stateful component (a base product) renders: StatefulSet, headless Service, client Service. */}}
{{- define "slipway-component.statefulApp" -}}
{{- $docs := list (include "slipway-component.statefulset" .) (include "slipway-component.headlessService" .) (include "slipway-component.service" .) -}}
{{- range $docs }}
{{- if trim . }}
---
{{ trim . }}
{{- end }}
{{- end }}
{{- end -}}
