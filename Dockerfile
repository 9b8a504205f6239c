# syntax=docker/dockerfile:1
# The gateway image (the default target: api and worker) and the sandbox image
# (`--target sandbox`), from the same dist/ the README's commands build. Only
# the sandbox runs on express: `@nestjs/platform-express` is an optional
# dependency, left out of the gateway image (`--omit=optional` also drops
# msgpackr's optional native unpacker, which BullMQ does not use: it only packs).

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json ./
COPY apps apps
COPY libs libs
RUN npm run build && npm prune --omit=dev \
  && cp -a node_modules /sandbox-node_modules \
  && npm prune --omit=dev --omit=optional

FROM node:22-bookworm-slim AS sandbox
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /sandbox-node_modules node_modules
COPY --from=build /app/dist/apps/sandbox dist/apps/sandbox
USER node
EXPOSE 4000
CMD ["node", "dist/apps/sandbox/main.js"]

FROM node:22-bookworm-slim AS gateway
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The sandbox's Akinon location uuids, for a gateway pointed at the sandbox (AKINON_LOCATIONS_FILE).
COPY apps/sandbox/akinon-locations.json sandbox-akinon-locations.json
USER node
EXPOSE 3000
# The api's liveness, with node: the slim image has no curl or wget. The worker
# runs from this image too; docker-compose.yml gives it its own check.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live',{signal:AbortSignal.timeout(3000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/main.js"]
