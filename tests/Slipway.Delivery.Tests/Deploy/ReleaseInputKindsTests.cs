using FluentAssertions;
using Slipway.Delivery.Components;
using Slipway.Delivery.Deploy;
using Slipway.Delivery.Helm;
using Slipway.Delivery.Kubernetes;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Helm;
using Slipway.Delivery.Tests.Images;
using Slipway.Delivery.Tests.Stack;
using Slipway.Engine;
using Xunit;

namespace Slipway.Delivery.Tests.Deploy;

/// <summary>
/// Each kind of deploy input changed in turn for two releases deployed together, as an environment's are (a values
/// file both take, one file each, a chart each): exactly the releases whose rendered objects change get a revision,
/// on every helm release the build pins. The charts hold ConfigMaps only: what moves is decided per release.
/// </summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class ReleaseInputKindsTests(LocalStackFixture stack) : IAsyncLifetime
{
    // "one" shows the shared value; "two" does not use it
    private const string OneTemplate = """
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: {{ .Release.Name }}-settings }
        data:
          greeting: {{ .Values.greeting | quote }}
          shared: {{ .Values.shared | quote }}
        """;
    private const string TwoTemplate = """
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: {{ .Release.Name }}-settings }
        data:
          greeting: {{ .Values.greeting | quote }}
        """;

    private readonly string _namespace = "test-inputs-" + Guid.NewGuid().ToString("N")[..8];
    private readonly AbsolutePath _root =
        AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-inputs-").FullName);

    public Task InitializeAsync() =>
        stack.Kubernetes.EnsureNamespaceAsync(_namespace, new Dictionary<string, string> { ["test"] = "inputs" });

    public async Task DisposeAsync()
    {
        await stack.Kubernetes.DeleteAsync(KubernetesResources.Namespace(_namespace));
        Directory.Delete(_root, recursive: true);
    }

    [Theory, ClassData(typeof(PinnedHelmVersions))]
    public async Task Each_kind_of_input_upgrades_exactly_the_releases_whose_objects_change(string version)
    {
        var helm = await stack.HelmAsync(version);
        var deployer = new ReleaseDeployer(helm, stack.Kubernetes, host => new RegistryClient(host));
        Write("one/Chart.yaml", "apiVersion: v2\nname: one\nversion: 0.1.0\n");
        Write("one/templates/settings.yaml", OneTemplate);
        Write("two/Chart.yaml", "apiVersion: v2\nname: two\nversion: 0.1.0\n");
        Write("two/templates/settings.yaml", TwoTemplate);
        Write("values/common.yaml", "shared: s1\nunused: u1\n");
        Write("values/one.yaml", "greeting: hello\n");
        Write("values/two.yaml", "greeting: hi\n");

        async Task<string[]> DeployBothAsync()
        {
            var moved = new List<string>();
            foreach (var name in new[] { "one", "two" })
            {
                var release = new ReleaseDefinition(name, _root / name, ComponentKind.App);
                var values = new ValuesLayers(
                    [_root / "values" / "common.yaml", _root / "values" / $"{name}.yaml"], []);
                var outcome = await deployer.DeployAsync(release, _namespace, values, "0123456789abcdef", default);
                outcome.RevisionAfter.Should().Be(outcome.Result == "unchanged" ? outcome.RevisionBefore
                    : (outcome.RevisionBefore ?? 0) + 1, $"{name} {outcome.Result}");
                if (outcome.Result != "unchanged") moved.Add(name);
            }
            return [.. moved];
        }

        (await DeployBothAsync()).Should().Equal(["one", "two"], "both are installed");
        (await DeployBothAsync()).Should().BeEmpty("nothing changed");

        Write("values/one.yaml", "greeting: good morning\n");
        (await DeployBothAsync()).Should().Equal(["one"], "the values file of one");

        Write("two/templates/settings.yaml", TwoTemplate + "\n  farewell: bye\n");
        (await DeployBothAsync()).Should().Equal(["two"], "a template of two's chart");

        using (var log = new CapturedLog())
        {
            Write("values/common.yaml", "shared: s2\nunused: u1\n");
            (await DeployBothAsync()).Should().Equal(["one"], "a value both take, which only one's objects show");
            log.Text.Should().Contain("two: its chart or values changed, but it renders as revision 2 does");
        }

        Write("values/common.yaml", "shared: s2\nunused: u2\n");
        (await DeployBothAsync()).Should().BeEmpty("a value no template uses changes no object");

        (await Setting("one", "shared")).Should().Be("s2");
        (await Setting("one", "greeting")).Should().Be("good morning");
        (await Setting("two", "farewell")).Should().Be("bye");
    }

    private async Task<string?> Setting(string release, string key) =>
        (await stack.Kubernetes.GetAsync(KubernetesResources.ConfigMap(_namespace, $"{release}-settings")))
        ["data"]?[key]?.GetValue<string>();

    private void Write(string relativePath, string content)
    {
        var file = _root / relativePath;
        Directory.CreateDirectory(file.Parent);
        File.WriteAllText(file, content);
    }
}
