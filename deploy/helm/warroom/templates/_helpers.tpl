{{/* Names, labels and checks shared by every template. */}}

{{- define "warroom.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* <release>-warroom, or the release name alone when it already says warroom; 63 characters at most (DNS label). */}}
{{- define "warroom.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "warroom.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "warroom.selectorLabels" -}}
app.kubernetes.io/name: {{ include "warroom.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "warroom.labels" -}}
helm.sh/chart: {{ include "warroom.chart" . }}
{{ include "warroom.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: bot
app.kubernetes.io/part-of: warroom
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "warroom.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "warroom.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "warroom.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Fails rendering on combinations that would deploy a bot that cannot work. Included by the Deployment, so every
`helm template` / `helm install` runs it.
*/}}
{{- define "warroom.validate" -}}
{{- $mode := .Values.slack.mode }}
{{- if not (has $mode (list "http" "socket")) }}
{{- fail (printf "slack.mode must be \"http\" or \"socket\", not %q" (toString $mode)) }}
{{- end }}
{{- $db := .Values.database.type }}
{{- if not (has $db (list "sqlite" "postgres")) }}
{{- fail (printf "database.type must be \"sqlite\" or \"postgres\", not %q" (toString $db)) }}
{{- end }}
{{- if and (eq $db "sqlite") (gt (int .Values.replicaCount) 1) }}
{{- fail (printf "database.type=sqlite supports a single replica, but replicaCount is %d: SQLite is one file on one volume, written by one process, so replicas would not share incidents and jobs. Set replicaCount=1, or use PostgreSQL (database.type=postgres, DATABASE_URL in the Secret) to run several replicas." (int .Values.replicaCount)) }}
{{- end }}
{{- $keys := .Values.secrets.keys | default dict }}
{{- $_ := required "secrets.existingSecret is required: the name of the Secret holding Warroom's tokens (the chart never stores tokens itself)" .Values.secrets.existingSecret }}
{{- $_ = required "secrets.keys.SLACK_BOT_TOKEN is required: the key of the bot token (xoxb-…) in secrets.existingSecret" $keys.SLACK_BOT_TOKEN }}
{{- if eq $mode "socket" }}
{{- $_ = required "slack.mode=socket needs secrets.keys.SLACK_APP_TOKEN: the key of the app-level token (xapp-…, scope connections:write) in secrets.existingSecret" $keys.SLACK_APP_TOKEN }}
{{- else }}
{{- $_ = required "slack.mode=http needs secrets.keys.SLACK_SIGNING_SECRET: the key of the Slack signing secret in secrets.existingSecret (Slack's requests are verified with it)" $keys.SLACK_SIGNING_SECRET }}
{{- if (.Values.secrets.optionalKeys | default dict).SLACK_APP_TOKEN }}
{{- fail "slack.mode=http: remove SLACK_APP_TOKEN from secrets.optionalKeys, since a set SLACK_APP_TOKEN switches the bot to Socket Mode" }}
{{- end }}
{{- end }}
{{- if eq $db "postgres" }}
{{- $_ = required "database.type=postgres needs secrets.keys.DATABASE_URL: the key of the postgres://… URL in secrets.existingSecret" $keys.DATABASE_URL }}
{{- end }}
{{- end }}

{{/* One env entry read from the Secret. Arguments: list <secret name> <env name> <key> <optional bool>. */}}
{{- define "warroom.secretEnvVar" -}}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef:
      name: {{ index . 0 | quote }}
      key: {{ index . 2 | quote }}
      {{- if index . 3 }}
      optional: true
      {{- end }}
{{- end }}

{{/* Environment from the Secret: the variables this mode and database require, then the optional ones present. */}}
{{- define "warroom.secretEnv" -}}
{{- $secret := .Values.secrets.existingSecret }}
{{- $keys := .Values.secrets.keys | default dict }}
{{- $required := list "SLACK_BOT_TOKEN" (ternary "SLACK_APP_TOKEN" "SLACK_SIGNING_SECRET" (eq .Values.slack.mode "socket")) }}
{{- if eq .Values.database.type "postgres" }}
{{- $required = append $required "DATABASE_URL" }}
{{- end }}
{{- range $required }}
{{ include "warroom.secretEnvVar" (list $secret . (get $keys .) false) }}
{{- end }}
{{- range $name, $key := .Values.secrets.optionalKeys }}
{{- if and $key (not (has $name $required)) }}
{{ include "warroom.secretEnvVar" (list $secret $name $key true) }}
{{- end }}
{{- end }}
{{- end }}

{{/* A kubeconfig for this cluster that reads the pod's ServiceAccount token and CA: no credentials in the file. */}}
{{- define "warroom.inClusterKubeconfig" -}}
apiVersion: v1
kind: Config
clusters:
  - name: in-cluster
    cluster:
      server: https://kubernetes.default.svc
      certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
users:
  - name: warroom
    user:
      token-file: /var/run/secrets/kubernetes.io/serviceaccount/token
contexts:
  - name: in-cluster
    context:
      cluster: in-cluster
      user: warroom
      namespace: {{ .Release.Namespace }}
current-context: in-cluster
{{- end }}

{{- define "warroom.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Writable mounts under the read-only root filesystem: /tmp always, /app/data for SQLite. */}}
{{- define "warroom.dataMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if eq .Values.database.type "sqlite" }}
- name: data
  mountPath: /app/data
{{- end }}
{{- end }}
