# stewards in a container: the packed npm tarball installed on a small Node LTS image, run as a non-root user.
#   docker build -t stewards .
#   docker run --rm -e GITHUB_TOKEN -v "$PWD:/work:ro" -v "$PWD/out:/out" stewards scan /work/deploy --output sarif=/out/stewards.sarif
# Stage 1 packs the package exactly as `npm pack` does for the registry (prepack builds dist/ and oclif.manifest.json).
FROM node:24-alpine AS pack
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm pack --no-audit --no-fund --pack-destination /tmp \
  && mv /tmp/stewards-*.tgz /tmp/stewards.tgz

# Stage 2: only the installed package and its runtime dependencies.
FROM node:24-alpine
COPY --from=pack /tmp/stewards.tgz /tmp/stewards.tgz
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/stewards.tgz \
  && rm /tmp/stewards.tgz \
  && npm cache clean --force
# The official image's unprivileged user (uid 1000); its cache under its home, a volume if it should persist.
USER node
ENV XDG_CACHE_HOME=/home/node/.cache NO_UPDATE_NOTIFIER=1
# Node's compiled code of stewards (src/core/cache/compile-cache.ts) made once here, so every container starts from
# it: the start-up, the discover stage and the scan pipeline (an inventory and an offline scan of an empty folder).
RUN mkdir -p /tmp/warm && stewards --version >/dev/null \
  && (stewards inventory /tmp/warm >/dev/null 2>&1; stewards scan /tmp/warm --offline >/dev/null 2>&1; true) \
  && rmdir /tmp/warm
WORKDIR /work
ENTRYPOINT ["stewards"]
CMD ["--help"]
