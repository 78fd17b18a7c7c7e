{{/*
Image reference, pull policy and pull secrets.

"slipway-component.imageRef" takes a dict:
  name:   the component, for error messages
  image:  {registry, repository, tag, digest, pullPolicy}
  defaultRepository: the repository when image.repository is empty (components: <entityNamespace>/<name>)
  global: the chart's .Values.global ({registry, pullPolicy, imagePullSecrets})
and renders  <registry>/<repository>@<digest>  when image.digest is set, else  <registry>/<repository>:<tag>,
where <registry> is global.registry when set (it overrides every image's registry), else image.registry.
*/}}
{{- define "slipway-component.imageRef" -}}
{{- $name := .name | default "component" -}}
{{- $image := .image | default dict -}}
{{- $global := .global | default dict -}}
{{- $registry := $global.registry | default $image.registry | default "" | toString | trimSuffix "/" -}}
{{- if not $registry -}}
{{- fail (printf "%s: no image registry: set global.registry (the build passes --set global.registry=<registry>) or %s.image.registry" $name $name) -}}
{{- end -}}
{{- $repository := required (printf "%s: %s.image.repository is required (<entity-namespace>/<app>, e.g. shop/%s)" $name $name $name) ($image.repository | default .defaultRepository | default "") | toString | trimPrefix "/" -}}
{{- $digest := $image.digest | default "" | toString -}}
{{- if $digest -}}
{{- if not (regexMatch "^sha256:[a-f0-9]{64}$" $digest) -}}
{{- fail (printf "%s: %s.image.digest %q is not a sha256 digest (sha256:<64 hex>)" $name $name $digest) -}}
{{- end -}}
{{- printf "%s/%s@%s" $registry $repository $digest -}}
{{- else -}}
{{- $tag := $image.tag | default "" | toString -}}
{{- if not $tag -}}
{{- fail (printf "%s: set %s.image.tag (deploy/values/components/%s.yaml) or %s.image.digest: an image needs an immutable tag or a digest" $name $name $name $name) -}}
{{- end -}}
{{- if eq $tag "latest" -}}
{{- fail (printf "%s: %s.image.tag is \"latest\": use an immutable tag (the short commit sha or a release version) or a digest" $name $name) -}}
{{- end -}}
{{- printf "%s/%s:%s" $registry $repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The pull policy from a dict {image, global}: image.pullPolicy, else global.pullPolicy, else nothing. */}}
{{- define "slipway-component.pullPolicyOf" -}}
{{- $image := .image | default dict -}}
{{- $global := .global | default dict -}}
{{- $image.pullPolicy | default $global.pullPolicy | default "" -}}
{{- end -}}

{{/*
The "imagePullSecrets:" block (or nothing) from a dict {secrets, global}: the component's own list when it sets
one (even empty), else global.imagePullSecrets. Entries are names or {name: ...} objects.
*/}}
{{- define "slipway-component.imagePullSecretsOf" -}}
{{- $global := .global | default dict -}}
{{- $secrets := ternary .secrets ($global.imagePullSecrets | default list) (kindIs "slice" .secrets) -}}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
{{- if kindIs "map" . }}
  - name: {{ required "imagePullSecrets entries need a name" .name | quote }}
{{- else }}
  - name: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The component's image reference (from .Values.image and .Values.global; repository default <entityNamespace>/<name>). */}}
{{- define "slipway-component.image" -}}
{{- $name := include "slipway-component.name" . -}}
{{- $image := .Values.image | default dict -}}
{{- $defaultRepository := "" -}}
{{- if not $image.repository -}}
{{- $defaultRepository = printf "%s/%s" (include "slipway-component.entityNamespace" .) $name -}}
{{- end -}}
{{- include "slipway-component.imageRef" (dict "name" $name "image" $image "global" .Values.global "defaultRepository" $defaultRepository) -}}
{{- end -}}

{{- define "slipway-component.pullPolicy" -}}
{{- include "slipway-component.pullPolicyOf" (dict "image" .Values.image "global" .Values.global) -}}
{{- end -}}

{{- define "slipway-component.imagePullSecrets" -}}
{{- include "slipway-component.imagePullSecretsOf" (dict "secrets" .Values.imagePullSecrets "global" .Values.global) -}}
{{- end -}}
