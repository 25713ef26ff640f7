// helm-render renders a Helm chart the way `helm template` does, for machines without helm (it is not packaged in
// Debian). It uses Helm's template engine and function library: Go text/template + Masterminds/sprig v3, plus the
// functions Helm adds (include, tpl, required, toYaml, fromYaml, toJson, fromJson, lookup). The behaviour follows
// helm's pkg/engine/engine.go and funcs.go, pkg/strvals/parser.go and pkg/releaseutil/kind_sorter.go (Helm 3):
//   - values: the chart's values.yaml, coalesced with each -f file then each --set (a user null deletes a default);
//     YAML goes through JSON like sigs.k8s.io/yaml, so numbers from files are float64 and --set integers are int64;
//   - missingkey=zero, then every "<no value>" in the output is replaced by "";
//   - partials (_*.tpl) only define templates; NOTES.txt is rendered (its errors fail) but not printed;
//   - required/fail errors are reported like helm's ("execution error at (file:line:col): message");
//   - output: one "---\n# Source: <chart>/templates/<file>" document per manifest, sorted by helm's install order.
//
// Not supported (unused by deploy/helm/warroom): subcharts, .Files, values.schema.json, --set list indexes and
// {a,b} lists, Capabilities.APIVersions, the lookup of live objects (always an empty map, as in `helm template`).
//
// Usage: helm-render [RELEASE] CHART_DIR [-n NAMESPACE] [-f values.yaml]... [--set a.b=c[,d=e]]... [--notes]
// Build (Debian, GOPATH mode): GO111MODULE=off GOPATH=/usr/share/gocode go build -o helm-render ./tools/helm-render
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig" // v3: Debian ships it at the unversioned GOPATH path
	"gopkg.in/yaml.v2"
)

// chartMetadata is Chart.yaml; templates see it as .Chart with Helm's capitalised field names.
type chartMetadata struct {
	APIVersion  string   `yaml:"apiVersion"`
	Name        string   `yaml:"name"`
	Version     string   `yaml:"version"`
	AppVersion  string   `yaml:"appVersion"`
	Description string   `yaml:"description"`
	Type        string   `yaml:"type"`
	KubeVersion string   `yaml:"kubeVersion"`
	Home        string   `yaml:"home"`
	Keywords    []string `yaml:"keywords"`
}

type options struct {
	release, namespace, chartDir string
	valueFiles, sets             []string
	notes                        bool
}

func main() {
	opts, err := parseArgs(os.Args[1:])
	if err == nil {
		err = run(opts, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

func parseArgs(args []string) (options, error) {
	opts := options{release: "release-name", namespace: "default"}
	var positional []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		next := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("flag %s needs a value", arg)
			}
			i++
			return args[i], nil
		}
		var err error
		var v string
		switch arg {
		case "-f", "--values":
			v, err = next()
			opts.valueFiles = append(opts.valueFiles, v)
		case "--set":
			v, err = next()
			opts.sets = append(opts.sets, v)
		case "-n", "--namespace":
			opts.namespace, err = next()
		case "--notes":
			opts.notes = true
		default:
			if strings.HasPrefix(arg, "-") {
				return opts, fmt.Errorf("unknown flag %s", arg)
			}
			positional = append(positional, arg)
		}
		if err != nil {
			return opts, err
		}
	}
	switch len(positional) {
	case 1:
		opts.chartDir = positional[0]
	case 2:
		opts.release, opts.chartDir = positional[0], positional[1]
	default:
		return opts, errors.New("usage: helm-render [RELEASE] CHART_DIR [-n NS] [-f FILE]... [--set K=V]... [--notes]")
	}
	return opts, nil
}

func run(opts options, out *os.File) error {
	var chart chartMetadata
	if err := readYAML(filepath.Join(opts.chartDir, "Chart.yaml"), &chart); err != nil {
		return err
	}
	values, err := buildValues(opts)
	if err != nil {
		return err
	}
	sources, err := readTemplates(opts.chartDir, chart.Name)
	if err != nil {
		return err
	}
	top := map[string]interface{}{
		"Values":  values,
		"Chart":   chart,
		"Release": map[string]interface{}{"Name": opts.release, "Namespace": opts.namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1},
		// helm template's default when no cluster is asked (Helm 3.14+ reports its client-go version; any recent one).
		"Capabilities": map[string]interface{}{"KubeVersion": map[string]interface{}{"Version": "v1.30.0", "GitVersion": "v1.30.0", "Major": "1", "Minor": "30"}},
	}
	rendered, err := render(sources, top, chart.Name)
	if err != nil {
		return err
	}
	return writeManifests(out, rendered, opts.notes)
}

// ---- values ----

func readYAML(file string, into interface{}) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(data, into); err != nil {
		return fmt.Errorf("cannot parse %s: %w", file, err)
	}
	return nil
}

// readValues loads a YAML map as sigs.k8s.io/yaml does: YAML → JSON → Go, so maps are map[string]interface{} and
// numbers float64 (which is why charts write `int .Values.replicaCount`).
func readValues(file string) (map[string]interface{}, error) {
	var raw interface{}
	if err := readYAML(file, &raw); err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	if raw == nil {
		return values, nil
	}
	data, err := json.Marshal(jsonCompatible(raw))
	if err != nil {
		return nil, fmt.Errorf("cannot convert %s: %w", file, err)
	}
	if err := json.Unmarshal(data, &values); err != nil {
		return nil, fmt.Errorf("%s: values must be a map: %w", file, err)
	}
	return values, nil
}

// jsonCompatible turns yaml.v2's map[interface{}]interface{} into map[string]interface{}, recursively.
func jsonCompatible(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, val := range t {
			m[fmt.Sprint(k)] = jsonCompatible(val)
		}
		return m
	case []interface{}:
		for i := range t {
			t[i] = jsonCompatible(t[i])
		}
	}
	return v
}

// buildValues: user values are -f files then --set lines merged in order; they are then coalesced over the chart's
// defaults (helm's chartutil.CoalesceRoot).
func buildValues(opts options) (map[string]interface{}, error) {
	defaults, err := readValues(filepath.Join(opts.chartDir, "values.yaml"))
	if err != nil {
		return nil, err
	}
	user := map[string]interface{}{}
	for _, file := range opts.valueFiles {
		v, err := readValues(file)
		if err != nil {
			return nil, err
		}
		user = mergeMaps(user, v)
	}
	for _, line := range opts.sets {
		if err := parseSet(line, user); err != nil {
			return nil, fmt.Errorf("failed parsing --set data: %w", err)
		}
	}
	return coalesce(user, defaults), nil
}

// mergeMaps: b's keys override a's; maps present in both merge recursively (helm's cli/values mergeMaps).
func mergeMaps(a, b map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bm, ok := v.(map[string]interface{}); ok {
			if am, ok := out[k].(map[string]interface{}); ok {
				out[k] = mergeMaps(am, bm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// coalesce fills dst (user values) with src (chart defaults): maps merge, user scalars win, a user null removes
// the key (helm's way of deleting a default).
func coalesce(dst, src map[string]interface{}) map[string]interface{} {
	for k, sv := range src {
		dv, present := dst[k]
		switch {
		case !present:
			dst[k] = sv
		case dv == nil:
			delete(dst, k)
		default:
			dm, dIsMap := dv.(map[string]interface{})
			sm, sIsMap := sv.(map[string]interface{})
			if dIsMap && sIsMap {
				dst[k] = coalesce(dm, sm)
			}
		}
	}
	for k, v := range dst {
		if v == nil {
			delete(dst, k)
		}
	}
	return dst
}

// parseSet applies one --set line: comma-separated dotted.key=value pairs, backslash escapes, values typed like
// helm's strvals.typedVal (true/false, null, integers not starting with 0, else strings).
func parseSet(line string, into map[string]interface{}) error {
	var pairs []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			cur.WriteByte(line[i])
			cur.WriteByte(line[i+1])
			i++
		case line[i] == ',':
			pairs = append(pairs, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	pairs = append(pairs, cur.String())
	for _, pair := range pairs {
		eq := indexUnescaped(pair, '=')
		if eq < 0 {
			return fmt.Errorf("key %q has no value", unescape(pair))
		}
		keys := splitUnescaped(pair[:eq], '.')
		m := into
		for _, k := range keys[:len(keys)-1] {
			inner, ok := m[k].(map[string]interface{})
			if !ok {
				inner = map[string]interface{}{}
				m[k] = inner
			}
			m = inner
		}
		m[keys[len(keys)-1]] = typedVal(unescape(pair[eq+1:]))
	}
	return nil
}

func indexUnescaped(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
		} else if s[i] == c {
			return i
		}
	}
	return -1
}

func splitUnescaped(s string, c byte) []string {
	var parts []string
	for i := indexUnescaped(s, c); i >= 0; i = indexUnescaped(s, c) {
		parts = append(parts, unescape(s[:i]))
		s = s[i+1:]
	}
	return append(parts, unescape(s))
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func typedVal(val string) interface{} {
	switch {
	case strings.EqualFold(val, "true"):
		return true
	case strings.EqualFold(val, "false"):
		return false
	case strings.EqualFold(val, "null"):
		return nil
	case val == "0":
		return int64(0)
	}
	if len(val) > 0 && val[0] != '0' {
		if n, err := strconv.ParseInt(val, 10, 64); err == nil {
			return n
		}
	}
	return val
}

// ---- templates ----

type source struct{ name, text string }

// readTemplates reads templates/ (named "<chart>/templates/<file>", as helm names them, so include of
// .Template.BasePath paths works), in helm's parse order: deeper paths first, then reverse alphabetical.
func readTemplates(chartDir, chartName string) ([]source, error) {
	var sources []source
	root := filepath.Join(chartDir, "templates")
	err := filepath.Walk(root, func(file string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, file)
		data, err := os.ReadFile(file)
		sources = append(sources, source{path.Join(chartName, "templates", filepath.ToSlash(rel)), string(data)})
		return err
	})
	sort.Slice(sources, func(i, j int) bool {
		a, b := sources[i].name, sources[j].name
		if ca, cb := strings.Count(a, "/"), strings.Count(b, "/"); ca != cb {
			return ca > cb
		}
		return a > b
	})
	return sources, err
}

const warnStart, warnEnd = "HELM_ERR_START", "HELM_ERR_END"

var warnRegex = regexp.MustCompile(warnStart + `(.*)` + warnEnd)

// newTemplateSet parses every source into one template set with helm's functions. tpl builds a fresh set per call,
// as helm's engine does, because a set cannot be extended once it has executed.
func newTemplateSet(sources []source) (*template.Template, error) {
	t := template.New("gotpl").Option("missingkey=zero")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env") // helm removes these: a chart must not read the renderer's environment
	delete(funcs, "expandenv")
	included := map[string]int{}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		if included[name] > 1000 {
			return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
		}
		included[name]++
		defer func() { included[name]-- }()
		var buf strings.Builder
		err := t.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, vals map[string]interface{}) (string, error) {
		set, err := newTemplateSet(sources)
		if err != nil {
			return "", err
		}
		name := fmt.Sprint(lookupPath(vals, "Template", "Name"))
		if _, err := set.New(name).Parse(text); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", text, err)
		}
		var buf strings.Builder
		if err := set.ExecuteTemplate(&buf, name, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", text, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	funcs["required"] = func(warn string, val interface{}) (interface{}, error) {
		if s, isString := val.(string); val == nil || (isString && s == "") {
			return val, errors.New(warnStart + warn + warnEnd)
		}
		return val, nil
	}
	funcs["toYaml"] = toYAML
	funcs["fromYaml"] = fromYAML
	funcs["toJson"] = func(v interface{}) string { data, _ := json.Marshal(v); return string(data) }
	funcs["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	// helm template talks to no cluster: lookup finds nothing.
	funcs["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	t.Funcs(funcs)
	for _, s := range sources {
		if _, err := t.New(s.name).Parse(s.text); err != nil {
			return nil, fmt.Errorf("parse error in (%s): %w", s.name, err)
		}
	}
	return t, nil
}

func lookupPath(m map[string]interface{}, keys ...string) interface{} {
	var v interface{} = m
	for _, k := range keys {
		mm, ok := v.(map[string]interface{})
		if !ok {
			return nil
		}
		v = mm[k]
	}
	return v
}

// toYAML marshals like sigs.k8s.io/yaml (through JSON, so keys are sorted and field names are JSON names), without
// the trailing newline, and swallows errors as helm does.
func toYAML(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var generic interface{}
	if err := yaml.Unmarshal(data, &generic); err != nil {
		return ""
	}
	out, err := yaml.Marshal(generic)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(out), "\n")
}

func fromYAML(s string) map[string]interface{} {
	m := map[string]interface{}{}
	var raw interface{}
	if err := yaml.Unmarshal([]byte(s), &raw); err != nil {
		m["Error"] = err.Error()
		return m
	}
	data, _ := json.Marshal(jsonCompatible(raw))
	if err := json.Unmarshal(data, &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

// render executes every template that is not a partial, with .Template set to the file being rendered.
func render(sources []source, top map[string]interface{}, chartName string) (map[string]string, error) {
	t, err := newTemplateSet(sources)
	if err != nil {
		return nil, err
	}
	rendered := map[string]string{}
	for _, s := range sources {
		if strings.HasPrefix(path.Base(s.name), "_") {
			continue
		}
		vals := make(map[string]interface{}, len(top)+1)
		for k, v := range top {
			vals[k] = v
		}
		vals["Template"] = map[string]interface{}{"Name": s.name, "BasePath": path.Join(chartName, "templates")}
		var buf strings.Builder
		if err := t.ExecuteTemplate(&buf, s.name, vals); err != nil {
			return nil, cleanupExecError(s.name, err)
		}
		rendered[s.name] = strings.ReplaceAll(buf.String(), "<no value>", "")
	}
	return rendered, nil
}

// cleanupExecError shortens required's errors to helm's "execution error at (file:line:col): message".
func cleanupExecError(filename string, err error) error {
	var execErr template.ExecError
	if !errors.As(err, &execErr) {
		return err
	}
	tokens := strings.SplitN(err.Error(), ": ", 3)
	if len(tokens) != 3 {
		return fmt.Errorf("execution error in (%s): %s", filename, err)
	}
	if parts := warnRegex.FindStringSubmatch(tokens[2]); len(parts) >= 2 {
		return fmt.Errorf("execution error at (%s): %s", tokens[1], parts[1])
	}
	return err
}

// ---- output ----

var installOrder = []string{"Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
	"PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "StorageClass", "PersistentVolume",
	"PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
	"ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
	"ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
	"Ingress", "APIService"}

type manifest struct{ source, kind, content string }

var separator = regexp.MustCompile(`(?:^|\s*\n)---\s*`)

// writeManifests splits each file into documents, checks each is YAML with a kind (helm fails on invalid YAML),
// sorts them by install order (unknown kinds last, by kind) then by file name, and prints them.
func writeManifests(out *os.File, rendered map[string]string, notes bool) error {
	var manifests []manifest
	for name, text := range rendered {
		if path.Base(name) == "NOTES.txt" {
			continue
		}
		for _, doc := range separator.Split(text, -1) {
			if strings.TrimSpace(doc) == "" {
				continue
			}
			var head struct {
				Kind string `yaml:"kind"`
			}
			if err := yaml.Unmarshal([]byte(doc), &head); err != nil {
				return fmt.Errorf("YAML parse error on %s: %w", name, err)
			}
			manifests = append(manifests, manifest{name, head.Kind, strings.TrimSpace(doc)})
		}
	}
	rank := map[string]int{}
	for i, k := range installOrder {
		rank[k] = i
	}
	sort.SliceStable(manifests, func(i, j int) bool {
		a, b := manifests[i], manifests[j]
		ra, aKnown := rank[a.kind]
		rb, bKnown := rank[b.kind]
		switch {
		case aKnown && bKnown && ra != rb:
			return ra < rb
		case aKnown != bKnown:
			return aKnown
		case !aKnown && a.kind != b.kind:
			return a.kind < b.kind
		}
		return a.source < b.source
	})
	var buf bytes.Buffer
	for _, m := range manifests {
		fmt.Fprintf(&buf, "---\n# Source: %s\n%s\n", m.source, m.content)
	}
	if notes {
		for name, text := range rendered {
			if path.Base(name) == "NOTES.txt" {
				fmt.Fprintf(&buf, "\nNOTES:\n%s\n", text)
			}
		}
	}
	_, err := out.Write(buf.Bytes())
	return err
}
