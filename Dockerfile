# Multi-stage NativeAOT build of trdpsim.
#   docker build -t trdpsim .
#   docker run --rm --network host trdpsim run /etc/trdpsim/quickstart.toml --duration 30s
# Host networking lets the simulated devices use the host's interfaces (TRDP is multicast/UDP heavy).

FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
# NativeAOT links with the platform toolchain.
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Engine.sln ./
COPY engine/ engine/
RUN dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o /out

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-bookworm-slim
COPY --from=build /out/trdpsim /usr/local/bin/trdpsim
COPY configs/ /etc/trdpsim/
# /metrics listens on loopback by default; pass --metrics 0.0.0.0:9464 to expose it.
EXPOSE 9464
USER app
ENTRYPOINT ["/usr/local/bin/trdpsim"]
CMD ["run", "/etc/trdpsim/quickstart.toml"]
