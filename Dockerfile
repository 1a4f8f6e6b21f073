# syntax=docker/dockerfile:1
# One image for both processes of the engine: the API (default command) and the Temporal worker
# (`node dist/apps/worker/src/main.js`). Configuration comes only from environment variables
# (see README and docs/deployment.md). Not built on the machines this repository is developed on
# (no Docker engine there): see docs/deployment.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- dependencies, dev included, for the build ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: swc compiles apps, libs and workflows into dist/; Vite builds the web app into dist/web ----
FROM deps AS build
COPY . .
RUN npm run build \
 && test -f dist/apps/api/src/main.js \
 && test -f dist/web/index.html \
 && test -f dist/apps/worker/src/main.js

# ---- production dependencies only ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# PGLITE_DATA_DIR defaults under DATA_DIR; mount a volume here when EVENT_STORE=pglite.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Healthy = ready for traffic (/api/health/ready: store, Temporal, projections caught up). Kubernetes
# uses /api/health/live and /api/health/ready as its own probes instead (docs/deployment.md).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/apps/api/src/main.js"]
