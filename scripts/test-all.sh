#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine, then runs typecheck, lint and every test.
# The README's Quick start and CI (.ci/run) both use this script.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || missing+=(prometheus)
# The playground's browser tests drive Debian's chromium with playwright-core (which never downloads a browser).
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
# The Helm chart is rendered with tools/helm-render (Go text/template + sprig, as Helm) when helm is not installed.
command -v helm >/dev/null 2>&1 || { command -v go >/dev/null 2>&1 && [ -d /usr/share/gocode/src/github.com/Masterminds/sprig ] && [ -d /usr/share/gocode/src/gopkg.in/yaml.v2 ]; } \
  || missing+=(golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages the tests need: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
npm run typecheck
npm run lint
npm run build   # the start command runs the build: it must keep working (templates copied to dist)
npm test
npm run drills   # two replicas on one PostgreSQL: redelivery, kill -9, a simulated week, a database restart, a Slack outage
