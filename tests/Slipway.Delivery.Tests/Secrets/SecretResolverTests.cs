using FluentAssertions;
using Slipway.Delivery.Secrets;
using Xunit;

namespace Slipway.Delivery.Tests.Secrets;

/// <summary>
/// In an environment that generates its secrets (local), a value given through a variable is the one deployed, and
/// the next run without the variable deploys it again: a provided secret is never replaced by a generated one.
/// </summary>
public sealed class SecretResolverTests : IDisposable
{
    private readonly string _generated = Directory.CreateTempSubdirectory("slipway-secrets-").FullName;

    public void Dispose() => Directory.Delete(_generated, recursive: true);

    private IReadOnlyDictionary<string, string> Resolve(Dictionary<string, string> variables) =>
        SecretResolver.Resolve([new AppSecret("orders-bus", ["password"])],
        [
            new EnvironmentSecretSource(name => variables.GetValueOrDefault(name)),
            new GeneratedSecretSource(_generated),
        ])["orders-bus"];

    [Fact]
    public void A_value_given_once_through_a_variable_is_kept_instead_of_the_generated_one()
    {
        var generated = Resolve([])["password"];
        var variable = EnvironmentSecretSource.VariableName("orders-bus", "password");

        Resolve(new() { [variable] = "given-by-the-user" })["password"].Should().Be("given-by-the-user");
        Resolve([])["password"].Should().Be("given-by-the-user", "the next run without the variable keeps it");
        generated.Should().NotBe("given-by-the-user");
        File.ReadAllText(Path.Combine(_generated, "orders-bus", "password")).Should().Be("given-by-the-user");
    }
}
