using FluentAssertions;
using Slipway.Delivery.Registry;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>Copies through a proxy that answers 503 and resets connections mid-request and mid-response.</summary>
[Trait("Category", "LocalStack")]
[Collection(LocalStackCollection.Name)]
public sealed class FaultInjectionTests(LocalStackFixture stack) : IDisposable
{
    private readonly TwoRegistries _registries = new(stack);

    [Fact]
    public async Task A_copy_through_failing_connections_retries_and_keeps_every_digest()
    {
        var repository = _registries.Repository("flaky");
        var index = await new SyntheticImages(_registries.Source, seed: 5).PushMultiPlatformAsync(repository, "1.0", ImageFormat.Oci);
        var faults = new SeededFaults(seed: 20_251_122, unavailable: 0.3, dropRequest: 0.2, dropResponse: 0.2);
        await using var sourceProxy = new FaultInjectingProxy(stack.Environment.Registry, faults);
        await using var targetProxy = new FaultInjectingProxy(stack.Environment.TargetRegistry, faults);
        using var source = new RegistryClient(sourceProxy.Address);
        // small chunks: PATCH requests meet faults too
        using var target = _registries.TargetWith(chunkSize: 2048, address: targetProxy.Address);
        var copier = new ImageCopier(source, target, RegistryResilience.Create(attempts: 8, TimeSpan.FromMilliseconds(20)));
        var result = await copier.CopyAsync(repository, "1.0", repository, "1.0", ct: _registries.Token);

        result.TargetDigest.Should().Be(index.Digest);
        (await _registries.Target.HeadManifestAsync(repository, "1.0", _registries.Token))!.Digest.Should().Be(index.Digest);
        (await _registries.TargetHoldsAsync(repository, index)).Should().BeTrue();
        faults.Injected(Fault.Unavailable).Should().BePositive();
        faults.Injected(Fault.DropRequest).Should().BePositive();
        faults.Injected(Fault.DropResponse).Should().BePositive();
    }

    [Fact]
    public async Task A_copy_that_cannot_finish_gives_up_after_its_retries_and_leaves_no_tag()
    {
        var repository = _registries.Repository("outage");
        var index = await new SyntheticImages(_registries.Source).PushMultiPlatformAsync(repository, "1.0", ImageFormat.Docker);
        var arm64 = await _registries.Source.GetManifestAsync(repository, index.Children[1].Digest, _registries.Token);
        var lastLayer = arm64!.Blobs[^1].Digest;
        var outage = new PermanentFault(r => r.Method == "PUT" && Uri.UnescapeDataString(r.Target).Contains(lastLayer), Fault.Unavailable);
        await using var proxy = new FaultInjectingProxy(stack.Environment.TargetRegistry, outage);
        using var target = _registries.TargetWith(address: proxy.Address);
        var copier = new ImageCopier(_registries.Source, target, RegistryResilience.Create(attempts: 3, TimeSpan.FromMilliseconds(10)));

        var copy = () => copier.CopyAsync(repository, "1.0", repository, "1.0", ct: _registries.Token);

        var error = (await copy.Should().ThrowAsync<RegistryException>()).Which;
        error.Status.Should().Be(System.Net.HttpStatusCode.ServiceUnavailable);
        outage.Injected.Should().Be(4, "one attempt and three retries");
        (await _registries.Target.ListTagsAsync(repository, _registries.Token)).Should().BeEmpty();
        (await _registries.Target.HeadManifestAsync(repository, index.Digest, _registries.Token)).Should().BeNull();
        (await _registries.Target.HeadManifestAsync(repository, index.Children[1].Digest, _registries.Token)).Should().BeNull();
    }

    [Fact]
    public void The_same_seed_draws_the_same_faults()
    {
        var requests = Enumerable.Range(0, 200).Select(i => HttpHead.Parse(System.Text.Encoding.ASCII.GetBytes(
            $"GET /v2/any/blobs/{Manifest.DigestOf(BitConverter.GetBytes(i))} HTTP/1.1\r\nHost: x\r\n\r\n"))).ToList();

        var first = requests.Select(new SeededFaults(7, 0.3, 0.2, 0.2).Decide).ToList();
        var again = requests.Select(new SeededFaults(7, 0.3, 0.2, 0.2).Decide).ToList();
        var other = requests.Select(new SeededFaults(8, 0.3, 0.2, 0.2).Decide).ToList();

        again.Should().Equal(first);
        other.Should().NotEqual(first);
        first.Should().Contain([Fault.None, Fault.Unavailable, Fault.DropRequest, Fault.DropResponse]);
        var retries = new SeededFaults(7, 1, 0, 0);
        retries.Decide(requests[0]).Should().Be(Fault.Unavailable);
        retries.Decide(requests[0]).Should().Be(Fault.None, "a retry of the same request always gets through");
    }

    public void Dispose() => _registries.Dispose();
}
