# syntax=docker/dockerfile:1
#
# The documents service's image: the same build as deploy/Dockerfile (SERVICE=documents), on a
# runtime with Debian's Chromium, Vietnamese-complete Times-metric fonts (fonts-liberation2,
# fonts-croscore; the older fonts-liberation lacks ắ ặ ễ ự ỹ ơ ư…) and tini as PID 1, which reaps
# the Chromium processes a crashed browser leaves (no zombies). Build from the repository root:
#
#   docker build -f deploy/documents.Dockerfile -t tdkt/documents .
#
# Run it with a /dev/shm larger than Docker's 64 MB default (compose: shm_size: 512mb; Kubernetes:
# an emptyDir with medium Memory at /dev/shm, see deploy/k8s/documents.yaml). Chromium is also
# started with --disable-dev-shm-usage, so a small /dev/shm slows it down rather than crashing it.

ARG NODE_IMAGE=node:24-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false PUPPETEER_SKIP_DOWNLOAD=1 \
    npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked npm ci --ignore-scripts
COPY . .
RUN node node_modules/.bin/nx run-many -t build --projects=documents --output-style=static \
 && test -f dist/apps/documents/main.js

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=build /workspace/dist/apps/documents/package.json /workspace/dist/apps/documents/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini chromium fonts-liberation2 fonts-croscore fontconfig \
 && fc-cache -f \
 && rm -rf /var/lib/apt/lists/*

LABEL org.opencontainers.image.title="tdkt-documents" \
      org.opencontainers.image.description="tdkt platform service: documents (Decree 30 papers, Chromium PDF)"

# HOME in /tmp: Chromium writes its profile and crash dumps there (the root filesystem is read-only
# under Kubernetes; /tmp is an emptyDir).
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=3000 \
    SERVICE=documents \
    CHROMIUM_PATH=/usr/bin/chromium \
    HOME=/tmp

WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /workspace/dist/apps/documents/ ./

USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/health/live',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# tini -g: signals go to the whole process group (node and its Chromium), and tini reaps orphans.
ENTRYPOINT ["/usr/bin/tini", "-g", "--"]
CMD ["node", "--enable-source-maps", "main.js"]
