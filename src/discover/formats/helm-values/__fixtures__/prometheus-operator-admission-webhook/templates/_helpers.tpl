{{/*
Define image tag by attaching "v" to the application version
preferring to keep the application version according to its release
*/}}
{{- define "prometheus-operator-admission-webhook.imageTag" -}}
{{- if .Values.image.tag -}}
{{- .Values.image.tag -}}
{{- else -}}
{{- print "v" .Chart.AppVersion -}}
{{- end -}}
{{- end -}}
