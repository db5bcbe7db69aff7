# syntax=docker/dockerfile:1.7
#
# One Dockerfile for every Sara process (BuildKit required):
#
#   docker build --build-arg APP=ingress             -t sara-ingress .
#   docker build --build-arg APP=console             -t sara-console .
#   docker build --build-arg APP=worker-abandonment  -t sara-worker-abandonment .
#   docker build --build-arg APP=worker-conversation -t sara-worker-conversation .
#   docker build --build-arg APP=worker-payment      -t sara-worker-payment .
#   docker build --target migrate                    -t sara-migrate .
#
# The install and build stage does not depend on APP, so the six images share its cache and
# run the same compiled workspace.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS workspace
# Not corepack: its signature check fails on some machines (see scripts/pnpm.sh).
# Keep the version equal to "packageManager" in package.json; a test checks it.
RUN npm install --global pnpm@10.20.0 && npm cache clean --force
ENV PNPM_STORE=/pnpm/store \
    TURBO_TELEMETRY_DISABLED=1
WORKDIR /repo

# Only the lockfile decides what is downloaded, so this layer survives every source change,
# and every later install runs --offline: nothing is resolved after this point.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN --mount=type=cache,id=sara-pnpm-store,target=/pnpm/store \
    pnpm fetch --store-dir "$PNPM_STORE"

COPY . .
# postinstall generates the Prisma client from prisma/ into packages/domain/src/generated,
# which `pnpm build` compiles into packages/domain/dist/generated.
RUN --mount=type=cache,id=sara-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline --store-dir "$PNPM_STORE"
RUN pnpm build

# The runtime tree keeps the workspace layout (apps/<app>, packages/<pkg>, one node_modules):
# every manifest, because the lockfile names every importer; each package's dist/; the files
# read at runtime beside dist/ (@sara/ai's prompts/). Sources, tests and other apps stay out;
# the app-files stage adds the app's own build output.
#
# Why not `pnpm deploy`: without inject-workspace-packages pnpm 10 only offers `deploy --legacy`,
# which resolves versions from the registry again instead of using the lockfile, so images
# would run dependency versions the tests never ran.
RUN mkdir -p /out \
 && cp package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc /out/ \
 && for dir in apps/* packages/*; do mkdir -p "/out/$dir" && cp "$dir/package.json" "/out/$dir/"; done \
 && for dir in packages/*; do cp -R "$dir/dist" "/out/$dir/"; done \
 && cp -R packages/ai/prompts /out/packages/ai/


# Both stages below install the production dependencies of one workspace package, exactly as
# locked. --no-optional because @prisma/client's optional peer `prisma` would otherwise bring
# the Prisma CLI, Studio and TypeScript (~240 MB); the only other optional packages are
# msgpackr's native accelerator (msgpackr falls back to JavaScript) and pg-cloudflare.
# --ignore-scripts: the root postinstall (prisma generate) already ran; its CLI is a dev dependency.
FROM workspace AS app-files
ARG APP
RUN case "$APP" in \
      ingress|console|worker-abandonment|worker-conversation|worker-payment) ;; \
      *) echo "Set --build-arg APP=ingress|console|worker-abandonment|worker-conversation|worker-payment (got '$APP')" >&2; exit 1 ;; \
    esac
# What `pnpm build` makes of the app (turbo.json's outputs): dist/, and for the console also
# web/dist/, the React page its server serves as static files. React and Vite are the console's
# dev dependencies: only the built page reaches the image.
RUN --mount=type=cache,id=sara-pnpm-store,target=/pnpm/store \
    cp -R "apps/$APP/dist" "/out/apps/$APP/" \
 && if [ "$APP" = console ]; then mkdir -p /out/apps/console/web && cp -R apps/console/web/dist /out/apps/console/web/; fi \
 && cd /out \
 && pnpm install --prod --no-optional --frozen-lockfile --offline --ignore-scripts \
      --store-dir "$PNPM_STORE" --filter "@sara/${APP}..."


# cli.js reads the migrations at ../../../../prisma/migrations from packages/domain/dist/migrate,
# which the workspace layout keeps.
FROM workspace AS migrate-files
RUN --mount=type=cache,id=sara-pnpm-store,target=/pnpm/store \
    mkdir -p /out/prisma && cp -R prisma/migrations /out/prisma/ \
 && cd /out \
 && pnpm install --prod --no-optional --frozen-lockfile --offline --ignore-scripts \
      --store-dir "$PNPM_STORE" --filter "@sara/domain..."


FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
COPY infra/docker/healthcheck.mjs /usr/local/lib/sara/healthcheck.mjs
# The code stays owned by root: the process can read it but not change it.
USER node


# One-shot: applies pending migrations to DATABASE_URL and exits (0 when up to date).
# Safe to run from several places at once: the migrator holds a Postgres advisory lock.
FROM runtime AS migrate
COPY --from=migrate-files /out /srv/sara
WORKDIR /srv/sara
CMD ["node", "--enable-source-maps", "packages/domain/dist/migrate/cli.js"]


# Last, so it is the default target: `docker build --build-arg APP=...` needs no --target.
FROM runtime AS app
ARG APP
# The healthcheck probes PORT for the ingress, CONSOLE_PORT for the console and METRICS_PORT for
# a worker. Outside containers METRICS_PORT defaults to 0 (any free port, so workers share a
# host); here it must be known.
ENV SARA_APP=${APP} \
    METRICS_PORT=9464
COPY --from=app-files /out /srv/sara
WORKDIR /srv/sara/apps/${APP}
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/usr/local/lib/sara/healthcheck.mjs"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
