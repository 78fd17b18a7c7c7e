using System.Security.Cryptography;
using Slipway.Delivery.Versioning;

namespace Slipway.Delivery.Tests.Images;

/// <summary>Source versions made up for tests: a clean commit with a random sha, so each gets its own image tag.</summary>
internal static class Commits
{
    public static SourceVersion New() =>
        new(Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant(), IsDirty: false, Branch: "main", Tags: []);
}
