# Opiskeluhuolto.Workflows as a container: docs/operations.md#deployment.
# Not built on the development machines (no container engine or registry is reachable there); the same published
# output is tested as a plain process in Production by PublishedOutputTests.
#
#   docker build -t opiskeluhuolto-workflows .
#   docker run --read-only --tmpfs /tmp -v opiskeluhuolto-data:/data -p 8080:8080 \
#     -v /etc/opiskeluhuolto/keyring.pfx:/run/secrets/keyring.pfx:ro --env-file /etc/opiskeluhuolto/env opiskeluhuolto-workflows

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# npm restores the pinned Elsa Studio package during the build.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# ReadyToRun (precompiled): the service starts about 1.5 s sooner than from JIT-only assemblies (docs/benchmarks.md).
ARG RID=linux-x64
RUN dotnet publish src/Host/Host.csproj -c Release -r $RID --self-contained false -p:PublishReadyToRun=true -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build --chown=root:root /app .
# One volume holds everything the service writes (SQLite database, key ring, mail pickup folder); the root file
# system can be mounted read-only.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DataFolder=/data \
    DataProtection__CertificatePath=/run/secrets/keyring.pfx \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /data
EXPOSE 8080
# The image's unprivileged user (uid 1654); it owns only /data.
RUN mkdir /data && chown app:app /data
USER app
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["dotnet", "/app/Opiskeluhuolto.Host.dll", "probe", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "/app/Opiskeluhuolto.Host.dll"]
