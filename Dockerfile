# Multi-stage NativeAOT build of trdpsim.
#   docker build -t trdpsim .
#   docker build --build-arg SOURCE_REVISION="$(git rev-parse HEAD)" -t trdpsim .   # also records the commit
#   docker run --rm --network host trdpsim run /etc/trdpsim/quickstart.toml --duration 30s
#   docker run --rm --network host trdpsim run basic-train --duration 30s             # a shipped plugin, by name
# Host networking lets the simulated devices use the host's interfaces (TRDP is multicast/UDP heavy).
#
# Base images (tags as published by dotnet/dotnet-docker; .NET 10 has no Debian 12 "bookworm" images):
#   build: sdk:10.0-noble-aot, Ubuntu 24.04 with the SDK and the NativeAOT toolchain (clang, llvm, zlib1g-dev)
#   run:   runtime-deps:10.0-noble-chiseled, Ubuntu 24.04 cut down to the C/C++/OpenSSL libraries a native
#          binary needs: no shell, no package manager, the non-root user 'app' (UID $APP_UID = 1654)
# Both are Ubuntu 24.04, so the binary runs against the glibc it was linked with. The build needs an SDK
# of at least global.json's version (rollForward latestFeature: any later 10.0 SDK does too).
# tests/TrdpSim.Tests/Container/DockerfileTests.cs checks these rules; tools/lint-dockerfile.sh the syntax.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY engine/ engine/
# The HTML report's charts (tools/report-ui: TypeScript + uPlot, pinned in its package-lock.json) are built by
# the engine's build with npm and embedded in the binary; Ubuntu's Node.js is enough for esbuild and tsc.
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null \
 && rm -rf /var/lib/apt/lists/*
COPY tools/report-ui/package.json tools/report-ui/package-lock.json tools/report-ui/tsconfig.json tools/report-ui/
COPY tools/report-ui/src/ tools/report-ui/src/
# The web console (web/console: TypeScript + uPlot, bundled by esbuild) is built the same way and embedded: `serve`
# serves it at / from the binary.
COPY web/console/package.json web/console/package-lock.json web/console/tsconfig.json web/console/index.html web/console/build.mjs web/console/
COPY web/console/src/ web/console/src/
# The build context holds no .git (only the files above are copied), so the commit comes in as a build
# argument; without it the build still works and the version carries no commit.
ARG SOURCE_REVISION=""
# Docker's architecture names → .NET runtime identifiers (the AOT SDK image exists for amd64 and arm64).
ARG TARGETARCH=amd64
RUN case "$TARGETARCH" in \
      amd64) rid=linux-x64 ;; \
      arm64) rid=linux-arm64 ;; \
      *) echo "unsupported architecture '$TARGETARCH' (amd64 or arm64)" >&2; exit 1 ;; \
    esac \
 && dotnet publish engine/TrdpSim -c Release -r "$rid" -p:PublishAot=true -o /out \
      ${SOURCE_REVISION:+"-p:SourceRevisionId=$SOURCE_REVISION"}

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
COPY --from=build /out/trdpsim /usr/local/bin/trdpsim
COPY configs/ /etc/trdpsim/
# The scenario library: `trdpsim run <name>` finds a plugin in $TRDPSIM_PLUGINS, and `trdpsim plugin
# install` adds packs there (the folder belongs to the user the container runs as).
COPY --chown=$APP_UID:$APP_UID plugins/ /opt/trdpsim/plugins/
ENV TRDPSIM_PLUGINS=/opt/trdpsim/plugins
# /metrics listens on loopback by default; pass --metrics 0.0.0.0:9464 to expose it.
EXPOSE 9464
USER $APP_UID
# The user's home (in the base image, owned by it): relative paths such as --summary-json out.json land
# somewhere writable.
WORKDIR /home/app
ENTRYPOINT ["/usr/local/bin/trdpsim"]
CMD ["run", "/etc/trdpsim/quickstart.toml"]
