namespace Slipway.Delivery.Tests.Images;

/// <summary>What `helm template` prints for a small system: every workload kind, a CRD instance and config that mention images.</summary>
internal static class RenderedManifests
{
    public const string System = """
        ---
        # Source: shop/templates/serviceaccount.yaml
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: shop
        ---
        # Source: shop/templates/config.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: shop-config
        data:
          image: "not-a-workload/config-value:1"
          settings.yaml: |
            image: text/inside-a-string:1
        ---
        # Source: shop/templates/service.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: orders-api
        spec:
          ports:
            - port: 80
              targetPort: 8080
        ---
        # Source: shop/templates/orders-api.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders-api
        spec:
          replicas: 2
          selector:
            matchLabels: { app: orders-api }
          template:
            metadata:
              labels: { app: orders-api }
            spec:
              serviceAccountName: shop
              initContainers:
                - name: migrate
                  image: "127.0.0.1:15700/shop/orders-api:3f5d5222"
                  args: ["--migrate"]
              containers:
                - name: api
                  image: 127.0.0.1:15700/shop/orders-api:3f5d5222
                  ports:
                    - containerPort: 8080
                - name: proxy
                  image: nginx
        ---
        # Source: shop/templates/database.yaml
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: database
        spec:
          serviceName: database
          selector:
            matchLabels: { app: database }
          template:
            metadata:
              labels: { app: database }
            spec:
              containers:
                - name: postgres
                  image: docker.io/postgres:16.2
          volumeClaimTemplates:
            - metadata:
                name: data
              spec:
                accessModes: [ReadWriteOnce]
        ---
        # Source: shop/templates/log-shipper.yaml
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: log-shipper
        spec:
          selector:
            matchLabels: { app: log-shipper }
          template:
            metadata:
              labels: { app: log-shipper }
            spec:
              containers:
                - name: shipper
                  image: index.docker.io/fluent/fluent-bit:3.0
        ---
        # Source: shop/templates/bootstrap.yaml
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: bus-bootstrap
          annotations:
            "helm.sh/hook": post-install,post-upgrade
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: bootstrap
                  image: 127.0.0.1:15700/shop/bus-bootstrap@sha256:bb1f1ba4084e3830a349e3dc708cc6efffd173980f09a4ac4135310cc3d3872e
        ---
        # Source: shop/templates/cleanup.yaml
        apiVersion: batch/v1beta1
        kind: CronJob
        metadata:
          name: cleanup
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                    - name: cleanup
                      image: registry.example.com:5000/ops/cleanup:2024.1@sha256:0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a09080706050403020100f
        ---
        # Source: shop/templates/debug-pod.yaml
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
        spec:
          initContainers:
            - name: wait
              image: busybox:1.36
          containers:
            - name: shell
              image: library/debian:bookworm
          ephemeralContainers:
            - name: debugger
              image: ghcr.io/acme/debug-tools:v1
        ---
        # Source: shop/templates/monitor.yaml
        apiVersion: monitoring.example.com/v1
        kind: Probe
        metadata:
          name: orders-probe
        spec:
          prober:
            image: quay.io/prometheus/blackbox-exporter:v0.25.0
          targets:
            - image: quay.io/acme/synthetic-check:1
        ---
        ---
        # Source: shop/templates/empty.yaml
        """;
}
