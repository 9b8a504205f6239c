# syntax=docker/dockerfile:1
# One image, three entrypoints (api, worker, sandbox): the same dist/ the README's commands build.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json ./
COPY apps apps
COPY libs libs
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
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
CMD ["node", "dist/apps/api/main.js"]
