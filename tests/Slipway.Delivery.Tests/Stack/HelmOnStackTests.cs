using FluentAssertions;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Stack;

[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class HelmOnStackTests(LocalStackFixture stack) : IDisposable
{
    private readonly string _chart = Directory.CreateTempSubdirectory("slipway-chart-").FullName;
    private readonly string _namespace = "test-helm-" + Guid.NewGuid().ToString("N")[..8];

    private ProcessResult Helm(params string[] args) =>
        ProcessRunner.Run(stack.Helm.Path, [.. args, "--kubeconfig", stack.Environment.Kubeconfig],
            new ProcessOptions { LogOutput = false, LogInvocation = false, AllowFailure = true, Timeout = TimeSpan.FromMinutes(2) });

    [Fact]
    public void Helm_installs_upgrades_with_wait_and_uninstalls_a_chart()
    {
        WriteChart(_chart, stack.BaseImage);

        var install = Helm("install", "demo", _chart, "--namespace", _namespace, "--create-namespace", "--wait", "--timeout", "60s");
        install.ExitCode.Should().Be(0, install.StandardError);
        var upgrade = Helm("upgrade", "demo", _chart, "--namespace", _namespace, "--set", "replicas=2", "--wait", "--timeout", "60s");
        upgrade.ExitCode.Should().Be(0, upgrade.StandardError);
        var status = Helm("status", "demo", "--namespace", _namespace, "--output", "json");
        status.StandardOutput.Should().Contain("\"status\":\"deployed\"").And.Contain("\"version\":2");

        var uninstall = Helm("uninstall", "demo", "--namespace", _namespace, "--wait");
        uninstall.ExitCode.Should().Be(0, uninstall.StandardError);
        Helm("status", "demo", "--namespace", _namespace).ExitCode.Should().NotBe(0);
    }

    [Fact]
    public void Helm_wait_fails_when_the_image_does_not_exist()
    {
        WriteChart(_chart, $"{stack.Environment.Registry}/slipway-base/dotnet-runtime:missing-tag");

        var install = Helm("install", "broken", _chart, "--namespace", _namespace, "--create-namespace", "--wait", "--timeout", "8s");

        install.ExitCode.Should().NotBe(0);
        install.StandardError.Should().Contain("context deadline exceeded");
    }

    private static void WriteChart(string directory, string image)
    {
        Directory.CreateDirectory(Path.Combine(directory, "templates"));
        File.WriteAllText(Path.Combine(directory, "Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
        File.WriteAllText(Path.Combine(directory, "values.yaml"), "replicas: 1\n");
        File.WriteAllText(Path.Combine(directory, "templates", "deployment.yaml"), $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{"{{ .Release.Name }}"}}
            spec:
              replicas: {{"{{ .Values.replicas }}"}}
              selector:
                matchLabels: { app: {{"{{ .Release.Name }}"}} }
              template:
                metadata:
                  labels: { app: {{"{{ .Release.Name }}"}} }
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                    - name: main
                      image: {{image}}
                      command: ["sleep", "infinity"]
            """);
    }

    public void Dispose()
    {
        Helm("uninstall", "broken", "--namespace", _namespace);
        using var kubernetes = new Slipway.Delivery.Kubernetes.KubernetesClient(Slipway.Delivery.Kubernetes.KubeConfig.FromFiles([stack.Environment.Kubeconfig]));
        kubernetes.DeleteAsync(Slipway.Delivery.Kubernetes.KubernetesResources.Namespace(_namespace)).GetAwaiter().GetResult();
        Directory.Delete(_chart, recursive: true);
    }
}
