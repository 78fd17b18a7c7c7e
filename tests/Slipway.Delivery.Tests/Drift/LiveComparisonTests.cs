using System.Text.Json.Nodes;
using FluentAssertions;
using Slipway.Delivery.Drift;
using Slipway.Delivery.Kubernetes;
using Xunit;

namespace Slipway.Delivery.Tests.Drift;

/// <summary>
/// The comparison of an applied object with its live copy: what the API server adds (defaults, status, metadata) is no
/// drift; each change people make by hand is one difference, named without values, with the patch that undoes it.
/// </summary>
public sealed class LiveComparisonTests
{
    private const string Applied = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
        spec:
          replicas: 1
          template:
            spec:
              containers:
                - name: api
                  image: "registry/api:1.0"
                  env:
                    - name: MODE
                      value: strict
                    - name: NODE
                      valueFrom: { fieldRef: { fieldPath: spec.nodeName } }
                  ports:
                    - containerPort: 8080
        """;

    private static JsonObject AppliedObject => ManifestObjects.Parse(Applied).Single();

    /// <summary>The object as the API returns it: defaults filled in, status and metadata added.</summary>
    private static JsonObject Live()
    {
        var live = (JsonObject)AppliedObject.DeepClone();
        live["metadata"]!["uid"] = "0f3c";
        live["status"] = new JsonObject { ["replicas"] = 1 };
        var container = live["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["imagePullPolicy"] = "IfNotPresent";
        container["ports"]![0]!["protocol"] = "TCP";
        container["env"]![1]!["valueFrom"]!["fieldRef"]!["apiVersion"] = "v1";
        return live;
    }

    private static List<string> Differences(JsonObject live) =>
        LiveComparison.Differences(AppliedObject, live).Select(d => d.Difference).ToList();

    [Fact]
    public void What_the_API_server_adds_is_not_drift() => Differences(Live()).Should().BeEmpty();

    [Fact]
    public void Manifest_scalars_are_typed_as_the_API_server_reads_them()
    {
        var parsed = ManifestObjects.Parse("""
            kind: Thing
            metadata: { name: t }
            spec: { replicas: 2, mode: 0644, on: true, port: "8080", ratio: 0.5, empty: ~, text: 1.0.3 }
            """).Single()["spec"]!;
        parsed["replicas"]!.GetValue<long>().Should().Be(2);
        parsed["mode"]!.GetValue<long>().Should().Be(420, "a leading 0 is octal to the API server's YAML reader");
        parsed["on"]!.GetValue<bool>().Should().BeTrue();
        parsed["port"]!.GetValue<string>().Should().Be("8080", "a quoted scalar stays text");
        parsed["ratio"]!.GetValue<double>().Should().Be(0.5);
        parsed["empty"].Should().BeNull();
        parsed["text"]!.GetValue<string>().Should().Be("1.0.3");
    }

    [Fact]
    public void Each_hand_change_of_a_workload_is_one_difference_named_without_its_value()
    {
        var live = Live();
        live["spec"]!["replicas"] = 3;
        var container = live["spec"]!["template"]!["spec"]!["containers"]![0]!;
        container["image"] = "registry/api:hotfix";
        container["env"]![0]!["value"] = "lenient";
        container["env"]!.AsArray().Add(new JsonObject { ["name"] = "DEBUG", ["value"] = "secret-ish" });

        var differences = Differences(live);

        differences.Should().BeEquivalentTo(
            "3 replicas, the release has 1",
            "container api runs image registry/api:hotfix, the release has registry/api:1.0",
            "container api: env DEBUG added; env MODE changed");
        string.Concat(differences).Should().NotContain("lenient").And.NotContain("secret-ish");
    }

    [Fact]
    public void The_replicas_of_a_workload_an_autoscaler_scales_are_not_drift()
    {
        var live = Live();
        live["spec"]!["replicas"] = 4;

        LiveComparison.Differences(AppliedObject, live, autoscaled: true).Should().BeEmpty();
        LiveComparison.Differences(AppliedObject, live).Should().ContainSingle();
    }

    [Fact]
    public void The_patch_of_a_difference_restores_what_was_applied()
    {
        var live = Live();
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray().RemoveAt(0);

        var (difference, operations) = LiveComparison.Differences(AppliedObject, live).Single();

        difference.Should().Be("container api: env MODE removed");
        operations.Should().ContainSingle();
        operations[0]!["op"]!.GetValue<string>().Should().Be("add");
        operations[0]!["path"]!.GetValue<string>().Should().Be("/spec/template/spec/containers/0/env");
        operations[0]!["value"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).Should().Equal("MODE", "NODE");
    }

    [Fact]
    public void A_secret_applied_as_string_data_compares_with_its_live_base64_data_by_key()
    {
        var applied = ManifestObjects.Parse("""
            apiVersion: v1
            kind: Secret
            metadata: { name: db }
            stringData: { password: s3cret, user: app }
            """).Single();
        var live = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "db" },
            ["data"] = new JsonObject { ["password"] = "czNjcmV0", ["user"] = "YXBw" },
        };
        LiveComparison.Differences(applied, live).Should().BeEmpty("the same values, base64 in the API");

        live["data"]!["password"] = "Y2hhbmdlZA==";
        live["data"]!["token"] = "eA==";
        var (difference, operations) = LiveComparison.Differences(applied, live).Single();

        difference.Should().Be("keys password changed; keys token added");
        operations[0]!["value"]!.AsObject().Select(d => (d.Key, d.Value!.GetValue<string>()))
            .Should().BeEquivalentTo([("password", "czNjcmV0"), ("user", "YXBw")]);
    }
}
