# syntax=docker/dockerfile-upstream:master
# check=error=true

ARG GO_VERSION=1.26
ARG ALPINE_VERSION=3.23
ARG DEBIAN_VERSION=trixie

ARG BUILD_LOONG64=${TARGETPLATFORM#linux/amd64}
ARG BUILD_LOONG64=${BUILD_LOONG64:+"unsupported"}
ARG BUILD_LOONG64=${BUILD_LOONG64:-"supported"}

FROM debian:${DEBIAN_VERSION}-slim AS base

FROM base AS exit-loong64-base
RUN apt-get --no-install-recommends install -y binutils-loongarch64-linux-gnu

FROM scratch AS exit-loong64-unsupported
FROM scratch AS exit-loong64-supported
COPY --from=exit-loong64-base /src/exit loong64
FROM exit-loong64-${BUILD_LOONG64} AS exit-loong64

FROM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS generate
