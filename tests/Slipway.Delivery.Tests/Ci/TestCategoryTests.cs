using FluentAssertions;
using Slipway.Delivery.Tests.Stack;
using Xunit;

namespace Slipway.Delivery.Tests.Ci;

/// <summary>
/// CI runs the tests in two jobs: those of category LocalStack on the self-hosted runner that can hold the stack, the
/// rest on any runner. A test class that uses the stack without the category would fail on the standard runner.
/// </summary>
public sealed class TestCategoryTests
{
    [Fact]
    public void Every_test_class_using_the_local_stack_is_in_the_local_stack_category()
    {
        var users = typeof(TestCategoryTests).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && HasTests(t) && UsesTheStack(t))
            .ToList();

        users.Should().HaveCountGreaterThan(20, "the integration tests use the stack");
        users.Where(t => !HasCategory(t, "LocalStack")).Select(t => t.Name).Should().BeEmpty();
        Slipway.Build.Build.AnyRunnerTestFilter.Should()
            .Contain("Category!=LocalStack", "the standard runner's job leaves them out");
    }

    private static bool HasTests(Type type) =>
        type.GetMethods().Any(m =>
            m.CustomAttributes.Any(a => typeof(FactAttribute).IsAssignableFrom(a.AttributeType)));

    private static bool UsesTheStack(Type type) =>
        CollectionName(type) == LocalStackCollection.Name
        || type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(LocalStackFixture)));

    private static string? CollectionName(Type type) => type.CustomAttributes
        .FirstOrDefault(a => a.AttributeType == typeof(CollectionAttribute))?.ConstructorArguments[0].Value as string;

    private static bool HasCategory(Type type, string category) => type.CustomAttributes
        .Where(a => a.AttributeType == typeof(TraitAttribute))
        .Any(a => (string?)a.ConstructorArguments[0].Value == "Category" &&
                  (string?)a.ConstructorArguments[1].Value == category);
}
