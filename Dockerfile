# Warroom's container image: `docker build -t warroom .`, then
#   docker run --rm -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN -v warroom-data:/app/data warroom            # the bot
#   docker run --rm -e DATABASE_URL warroom migrate                                                   # migrations only
#   docker run --rm -e DATABASE_URL -e PROMETHEUS_URL warroom deploy-check checkout --json            # a CI deploy gate
# test/packaging/ lints this file and assembles the runtime stage's file tree without Docker.

# Node 20 (package.json engines: >=20.19) on Debian bookworm, pinned to a minor version: rebuilds keep the same
# Node and Debian release (better-sqlite3's native module is compiled against them) and still receive patch-level
# security fixes. Bump it deliberately; pin a digest (@sha256:…) as well where builds must be bit-for-bit repeatable.
ARG NODE_IMAGE=node:20.20-bookworm-slim

# ---- build: compile TypeScript, then keep only the production dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# better-sqlite3 compiles its native module when no prebuilt binary matches. Debian package versions are not pinned
# (DL3008): bookworm's security updates replace them, so a pin would break the build rather than make it repeatable.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# Dependencies first, so this layer is reused while only the sources change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-assets.mjs scripts/
COPY src/ src/
# dist/ gets the compiled code plus the Handlebars templates and the playground's static files (copy-assets.mjs).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: the compiled bot and its production dependencies, nothing else ----
FROM ${NODE_IMAGE} AS runtime

# CI passes the release and commit: docker build --build-arg VERSION=1.2.3 --build-arg REVISION="$(git rev-parse HEAD)"
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="warroom" \
      org.opencontainers.image.description="ChatOps incident and reliability bot for Slack" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"

ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app

# Code stays owned by root and read-only for the bot; only the data directory is writable.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules/ node_modules/
COPY --from=build /app/dist/ dist/
# The example configuration (every warroom.yml key, documented) and the SLO files it names, so that
# `docker run … config validate config/warroom.example.yml` works; mount your own warroom.yml and set WARROOM_CONFIG.
COPY config/ config/

# The SQLite default (./data/warroom.db) must be writable by the bot's uid. No VOLUME: an anonymous volume would
# quietly hide a missing `-v …:/app/data`; mount one yourself, or use PostgreSQL (DATABASE_URL) for replicas.
RUN mkdir -p /app/data && chown 1000:1000 /app/data

# The image's `node` user, by number, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 1000:1000
EXPOSE 3000

# No curl in the slim image: Node's own fetch asks /healthz on the port the bot listens on.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Node runs as PID 1 without an init: `start` installs SIGTERM/SIGINT handlers (graceful stop) and spawns no child
# processes, so nothing needs reaping. One-off commands (migrate, deploy-check) install no handlers, and PID 1 ignores
# signals it does not handle: use `docker run --init` to stop those with Ctrl-C.
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["start"]
