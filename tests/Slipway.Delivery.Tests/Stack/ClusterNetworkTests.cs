using System.Net.Sockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Kubernetes;
using Xunit;

namespace Slipway.Delivery.Tests.Stack;

/// <summary>
/// Services route and have names as in a cluster: a pod reaches another through its Service by short name, by
/// name.namespace and by its full name (kube-proxy's rules, the cluster DNS), and the host reaches the Service IP.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ClusterNetworkTests(LocalStackFixture stack) : IAsyncLifetime
{
    private readonly string _namespace = "test-net-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// A small HTTP server in the image's perl (Debian's minbase has perl-base). It reads the whole request before
    /// answering: closing a socket with unread data sends a reset, which can discard the reply at the client.
    /// </summary>
    private const string Server = """
        use IO::Socket::INET;
        my $s = IO::Socket::INET->new(LocalPort => 8080, Listen => 8, ReuseAddr => 1) or die "listen: $!";
        print "listening\n";
        while (my $c = $s->accept) {
          while (my $line = <$c>) { last if $line =~ /^\r?\n$/; }
          print $c "HTTP/1.0 200 OK\r\n\r\nhello from greeter\n"; close $c;
        }
        """;

    /// <summary>Connects to each name given and prints what answered.</summary>
    private const string Client = """
        use IO::Socket::INET;
        for my $name (@ARGV) {
          my $c = IO::Socket::INET->new(PeerAddr => $name, PeerPort => 80, Timeout => 5);
          if (!$c) { print "$name: failed: $@\n"; next; }
          print $c "GET / HTTP/1.0\r\n\r\n"; my @reply = <$c>; print "$name: $reply[-1]";
        }
        """;

    public async Task InitializeAsync() =>
        await stack.Kubernetes.CreateAsync(KubernetesResources.Namespaces,
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = _namespace } });

    public async Task DisposeAsync() => await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(_namespace));

    [Fact]
    public async Task A_pod_reaches_another_through_its_service_by_each_name_and_the_host_through_its_ip()
    {
        await stack.Kubernetes.CreateAsync(KubernetesResources.Deployments(_namespace), Greeter());
        var service = await stack.Kubernetes.CreateAsync(KubernetesResources.Services(_namespace), new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "greeter" },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["app"] = "greeter" },
                ["ports"] = new JsonArray(new JsonObject { ["port"] = 80, ["targetPort"] = 8080, ["protocol"] = "TCP" }),
            },
        });
        await KubernetesWait.UntilAsync(stack.Kubernetes, KubernetesResources.Deployment(_namespace, "greeter"),
            d => d["status"]?["readyReplicas"]?.GetValue<int>() == 1, TimeSpan.FromSeconds(90));
        string[] names = ["greeter", $"greeter.{_namespace}", $"greeter.{_namespace}.svc.cluster.local"];

        await stack.Kubernetes.CreateAsync(KubernetesResources.Jobs(_namespace),
            TestWorkloads.Job("client", stack.BaseImage, ["perl", "-e", Client, .. names]));
        var job = await KubernetesWait.UntilAsync(stack.Kubernetes, KubernetesResources.Job(_namespace, "client"),
            j => j["status"]?["succeeded"]?.GetValue<int>() == 1 || j["status"]?["failed"]?.GetValue<int>() > 0,
            TimeSpan.FromSeconds(90));

        var pod = (await stack.Kubernetes.ListAsync(KubernetesResources.Pods(_namespace), "job-name=client")).Single();
        var log = await stack.Kubernetes.GetTextAsync(
            KubernetesResources.PodLog(_namespace, pod["metadata"]!["name"]!.GetValue<string>()));
        foreach (var name in names) log.Should().Contain($"{name}: hello from greeter");
        job["status"]!["succeeded"]!.GetValue<int>().Should().Be(1);

        var clusterIp = service["spec"]!["clusterIP"]!.GetValue<string>();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(clusterIp, 80);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray());
        (await new StreamReader(stream).ReadToEndAsync()).Should().Contain("hello from greeter");
    }

    private JsonObject Greeter() => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "greeter" },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "greeter" } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "greeter" } },
                ["spec"] = new JsonObject
                {
                    ["terminationGracePeriodSeconds"] = 1,
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "greeter", ["image"] = stack.BaseImage,
                        ["command"] = new JsonArray("perl", "-e", Server),
                        ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }),
                        ["readinessProbe"] = new JsonObject
                        {
                            ["tcpSocket"] = new JsonObject { ["port"] = 8080 }, ["periodSeconds"] = 1,
                        },
                    }),
                },
            },
        },
    };
}
