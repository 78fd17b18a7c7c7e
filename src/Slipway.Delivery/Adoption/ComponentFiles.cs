namespace Slipway.Delivery.Adoption;

/// <summary>The files one found component gets: its Dockerfile, its chart and its values.</summary>
public static class ComponentFiles
{
    /// <summary>The port a web component serves (ASPNETCORE_HTTP_PORTS, the Service, the probes).</summary>
    public const int WebPort = 8080;

    public static string Dockerfile(RunnableProject project, string projectFolder) => $$"""
        # {{project.Name}} image: written by ./build.sh Adopt, yours to edit (the build never rewrites it).
        # Build context: {{projectFolder}}/, after `dotnet publish {{project.Project.Name}} -c Release -o publish` (the
        # build runs it). BASE_REGISTRY holds the base images (--base-registry, default the image registry); the local
        # stack makes slipway-base/dotnet-runtime in its own; on a runner the first pipeline builds it from images/.
        ARG BASE_REGISTRY
        FROM ${BASE_REGISTRY}/slipway-base/dotnet-runtime:10.0

        RUN groupadd --system --gid 10001 app \
         && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
         && mkdir -p /app
        WORKDIR /app
        COPY publish/ /app/

        ENV DOTNET_RUNNING_IN_CONTAINER=true \
            DOTNET_NOLOGO=true{{(project.IsWeb ? $" \\\n    ASPNETCORE_HTTP_PORTS={WebPort}\nEXPOSE {WebPort}" : "")}}
        USER 10001:10001
        ENTRYPOINT ["dotnet", "{{project.AssemblyName}}.dll"]

        """;

    public const string DockerIgnore = """
        # Only publish/ goes into the image: the build context stays small.
        bin/
        obj/

        """;

    public static string ChartYaml(RunnableProject project, string projectFolder, string version,
        string libraryRepository, string libraryVersion) => $$"""
        apiVersion: v2
        name: {{project.Name}}
        description: "{{project.Name}} ({{projectFolder}}): Deployment, Service, optional Ingress and VirtualService."
        type: application
        # version and appVersion follow the repository's VERSION file (./build.sh SyncChartVersions).
        version: {{version}}
        appVersion: "{{version}}"
        dependencies:
          # The library chart of the Slipway version in build/_build.csproj: upgrade both together.
          - name: slipway-component
            version: {{libraryVersion}}
            repository: {{libraryRepository}}

        """;

    public const string ChartTemplate = """
        {{- /* Everything comes from the slipway-component library; values.yaml documents the knobs. */ -}}
        {{ include "slipway-component.app" . }}

        """;

    public static string ChartValues(RunnableProject project, string entityNamespace) => $$"""
        # {{project.Name}} chart defaults. Override per environment in deploy/values/<env>.yaml
        # under "{{project.Name}}:"; the image tag lives in deploy/values/components/{{project.Name}}.yaml.
        image:
          registry: ""          # global.registry, when set, overrides it
          repository: ""        # "" → {{entityNamespace}}/{{project.Name}} (<global.entityNamespace>/<name>)
          tag: ""               # deploy/values/components/{{project.Name}}.yaml
          digest: ""            # sha256:…; when set it wins over the tag
          pullPolicy: ""        # "" → global.pullPolicy

        replicaCount: 1
        {{(project.IsWeb ? WebValues(project, entityNamespace) : WorkerValues)}}
        resources:
          requests:
            cpu: 20m
            memory: 64Mi
          limits:
            memory: 256Mi

        podSecurityContext:
          runAsNonRoot: true
          runAsUser: 10001
          runAsGroup: 10001
          fsGroup: 10001
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities:
            drop: [ALL]
        # an emptyDir at /tmp: the root filesystem is read-only
        tmpDir: true

        """;

    private static string WebValues(RunnableProject project, string entityNamespace) => $$"""

        # The port the container serves: the Service, the probes and ASPNETCORE_HTTP_PORTS (portEnv) all use it.
        port: {{WebPort}}
        portEnv: ASPNETCORE_HTTP_PORTS

        # Ready and alive while the port accepts connections; point httpGet at a health endpoint when it has one.
        probes:
          liveness:
            tcpSocket: {}
            initialDelaySeconds: 5
            periodSeconds: 10
          readiness:
            tcpSocket: {}
            periodSeconds: 5

        service:
          type: ClusterIP

        # Routed under the gateway at /{{entityNamespace}}/{{project.Name}}/
        # (when global.ingress or global.virtualService is enabled).
        route:
          enabled: true
          prefix: ""
          rewrite: /

        """;

    private const string WorkerValues = """

        # A worker: no port, no Service.

        """;

    public static string ComponentValues(RunnableProject project) => $$"""
        # Image tag of {{project.Name}} (apps release). Written by the build (BumpValues), which finds the line by its
        # marker and changes nothing else. Layer 4 of 4: chart defaults → common.yaml → <env>.yaml → this file.
        {{project.Name}}:
          image:
            tag: "0000000" # slipway:image={{project.Name}}

        """;
}
