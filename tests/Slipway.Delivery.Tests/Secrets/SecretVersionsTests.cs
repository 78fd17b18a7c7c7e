using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Slipway.Delivery.Secrets;
using Xunit;

namespace Slipway.Delivery.Tests.Secrets;

/// <summary>A secret's version changes with any of its values, and tells nothing of them without the key.</summary>
public sealed class SecretVersionsTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void The_same_data_has_the_same_version_whatever_the_order_and_any_change_moves_it()
    {
        var version = SecretVersions.Of(Key, new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" });

        version.Should().MatchRegex("^[0-9a-f]{16}$");
        SecretVersions.Of(Key, new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }).Should().Be(version);
        SecretVersions.Of(Key, new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" }).Should().NotBe(version);
        SecretVersions.Of(Key, new Dictionary<string, string> { ["a"] = "1", ["c"] = "2" }).Should().NotBe(version);
        SecretVersions.Of(Key, new Dictionary<string, string> { ["a"] = "1\0b", ["b"] = "2" }).Should().NotBe(version);
    }

    [Fact]
    public void Without_the_key_the_version_is_not_the_hash_of_the_value()
    {
        var data = new Dictionary<string, string> { ["password"] = "hunter2" };
        var version = SecretVersions.Of(Key, data);

        version.Should().NotBe(SecretVersions.Of(RandomNumberGenerator.GetBytes(32), data), "another key");
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("hunter2"))).ToLowerInvariant()
            .Should().NotStartWith(version, "a plain hash of a short password could be searched for");
    }
}
