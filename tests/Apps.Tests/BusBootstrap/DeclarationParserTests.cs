using FluentAssertions;
using Slipway.Sample.BusBootstrap;
using Xunit;

namespace Slipway.Sample.Tests.BusBootstrap;

public sealed class DeclarationParserTests
{
    [Fact]
    public void Reads_topics_and_schemas_as_objects_or_names()
    {
        var declarations = DeclarationParser.Parse("""
            {"topics": [{"name": "orders.created", "component": "orders-api"}, "audit"],
             "schemas": ["orders", {"name": "fulfilment", "component": "orders-worker"}]}
            """);

        declarations.Topics.Should().BeEquivalentTo(new[]
        {
            new TopicDeclaration("orders.created", ["orders-api"]),
            new TopicDeclaration("audit", []),
        }, o => o.WithStrictOrdering());
        declarations.Schemas.Select(s => s.Name).Should().Equal("orders", "fulfilment");
        declarations.Count.Should().Be(4);
    }

    [Fact]
    public void A_topic_declared_by_two_components_is_one_topic()
    {
        var declarations = DeclarationParser.Parse("""
            {"topics": [{"name": "orders.created", "component": "orders-api"},
                        {"name": "orders.created", "component": "orders-worker"}]}
            """);

        declarations.Topics.Should().ContainSingle()
            .Which.Components.Should().Equal("orders-api", "orders-worker");
    }

    [Fact]
    public void Missing_sections_and_an_empty_document_mean_nothing_to_declare()
    {
        DeclarationParser.Parse("{}").Count.Should().Be(0);
        DeclarationParser.Parse("""{"topics": [], "schemas": null}""").Count.Should().Be(0);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"topic": []}""", "unknown section 'topic'")]
    [InlineData("""{"indexes": ["orders"]}""", "unknown section 'indexes'")]
    [InlineData("""{"topics": "orders"}""", "topics: must be a list")]
    [InlineData("""{"topics": [42]}""", "topics[0]: must be a name or an object")]
    [InlineData("""{"topics": [{"component": "a"}]}""", "topics[0]: 'name' is required")]
    [InlineData("""{"topics": [{"name": "Orders Created"}]}""", "invalid name 'Orders Created'")]
    [InlineData("""{"topics": [{"name": "a", "partitions": 3}]}""", "unknown key 'partitions'")]
    [InlineData("""{"schemas": [{"name": 7}]}""", "schemas[0]: the name must be a string")]
    public void A_malformed_declaration_is_refused_with_its_place_named(string json, string expected)
    {
        var act = () => DeclarationParser.Parse(json);

        act.Should().Throw<DeclarationException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Every_fault_is_reported_at_once()
    {
        var act = () => DeclarationParser.Parse("""{"topics": [{"name": "BAD"}, 1], "schemas": [{}], "extra": 1}""");

        act.Should().Throw<DeclarationException>().Which.Problems.Should().HaveCount(4);
    }
}
