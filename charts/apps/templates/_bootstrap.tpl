{{/*
The declarations the bootstrap Job creates, as JSON: every enabled component's bus.topics and database.schemas (a
component is a top-level values key holding a map, other than global, bootstrap and bus-bootstrap), each entry
tagged with its component:
  {"topics": [{"name": "orders.created", "component": "orders-api"}, …], "schemas": [{"name": "orders", …}]}
Entries are names or maps with a name; the bus-bootstrap app validates them.
*/}}
{{- define "apps.bootstrapDeclarations" -}}
{{- $gathered := dict "topics" list "schemas" list -}}
{{- $sources := list (list "topics" "bus" "topics") (list "schemas" "database" "schemas") -}}
{{- range $component, $values := .Values -}}
{{- if and (kindIs "map" $values) (not (has $component (list "global" "bootstrap" "bus-bootstrap"))) (ne (toString (dig "enabled" true $values)) "false") -}}
{{- range $source := $sources -}}
{{- $section := index $source 0 -}}
{{- range (dig (index $source 1) (index $source 2) list $values) -}}
{{- $entry := dict -}}
{{- if kindIs "map" . -}}
{{- $entry = deepCopy . -}}
{{- else -}}
{{- $entry = dict "name" . -}}
{{- end -}}
{{- $_ := set $entry "component" $component -}}
{{- $_ := set $gathered $section (append (get $gathered $section) $entry) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $gathered -}}
{{- end -}}
