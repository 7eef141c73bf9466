# Headless Homelane: `homelane serve` (the OpenAI-compatible API, the eval,
# replay and insights APIs, and the web dashboard) for a home-lab box.
#
#   docker build -t homelane .
#   docker run -d --name homelane -p 8801:8801 -v homelane-data:/data \
#     -e HOMELANE_TOKEN="$(openssl rand -hex 24)" homelane
#
# The server listens on 0.0.0.0 inside the container, so it refuses to start
# without an API token: HOMELANE_TOKEN, or a token file passed with
# `--token-file /run/secrets/homelane_token` (first line; mode 0600, readable
# by the container's user, uid 1000). docs/home-lab.md has the details.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install with the toolchain, build, keep production modules only
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
# npm 11 runs dependency install scripts only where package.json `allowScripts`
# says so (better-sqlite3's build; never Electron's download).
RUN npm install -g npm@11 --no-audit --no-fund
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip \
    ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY . .
# `npm ci` also builds the app (the `prepare` script) into out/.
RUN npm ci --no-audit --no-fund \
  && npm prune --omit=dev --no-audit --no-fund \
  && arch="$(node -p process.arch)" \
  && find node_modules/onnxruntime-node/bin/napi-v6 -mindepth 2 -maxdepth 2 \
       ! -path "*/linux/${arch}" -exec rm -rf {} + \
  && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
       node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/obj.target \
  && find node_modules/tokenizers -name 'tokenizers.*.node' \
       ! -name "tokenizers.linux-${arch}-gnu.node" -delete

# ---- runtime: Node, the built server and its production modules
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOMELANE_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/bin ./bin
COPY --from=build /app/out/main ./out/main
COPY --from=build /app/out/renderer ./out/renderer
COPY --from=build /app/node_modules ./node_modules
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8801
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8801/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/homelane.js", "serve", "--host", "0.0.0.0", "--port", "8801", "--data-dir", "/data"]
