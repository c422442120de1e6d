# syntax=docker/dockerfile:1
# Build stage: installs dependencies (mediasoup fetches its prebuilt worker here, where the
# build has internet; scripts/postinstall.mjs falls back to a build from Debian packages),
# builds the web app, then drops dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates python3 build-essential \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build web && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: only what `ecabinet serve` needs, as the unprivileged `node` user.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/ecabinet \
    WEB_DIST_DIR=/app/web/dist \
    MEDIA_PORT=40000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/src ./src
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/assets ./assets
COPY --from=build /app/scripts/mediasoup ./scripts/mediasoup
COPY --from=build /app/web/dist ./web/dist
RUN ln -s /app/bin/ecabinet.js /usr/local/bin/ecabinet \
 && mkdir -p /var/lib/ecabinet && chown node:node /var/lib/ecabinet
USER node
VOLUME ["/var/lib/ecabinet"]
# HTTP, and one UDP+TCP media port per mediasoup worker (MEDIA_PORT + i; set MEDIA_WORKERS and
# MEDIA_ANNOUNCED_ADDRESS to match what is published).
EXPOSE 3000 40000-40003/udp 40000-40003/tcp
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["ecabinet", "serve"]
