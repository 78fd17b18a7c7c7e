using FluentAssertions;
using Slipway.Sample.BusBootstrap;
using Xunit;

namespace Slipway.Sample.Tests.BusBootstrap;

public sealed class DeclarationParserTests
{
    [Fact]
    public void Reads_topics_indexes_and_schemas_as_objects_or_names()
    {
        var declarations = DeclarationParser.Parse("""
            {"topics": [{"name": "orders.created", "partitions": 3, "component": "orders-api"}, "audit"],
             "indexes": [{"name": "orders", "component": "orders-api"}],
             "schemas": ["orders", {"name": "fulfilment", "component": "orders-worker"}]}
            """);

        declarations.Topics.Should().BeEquivalentTo(new[]
        {
            new TopicDeclaration("orders.created", 3, ["orders-api"]),
            new TopicDeclaration("audit", DeclarationParser.DefaultPartitions, []),
        }, o => o.WithStrictOrdering());
        declarations.Indexes.Should().BeEquivalentTo(new[] { new IndexDeclaration("orders", ["orders-api"]) });
        declarations.Schemas.Select(s => s.Name).Should().Equal("orders", "fulfilment");
        declarations.Count.Should().Be(5);
    }

    [Fact]
    public void A_topic_declared_identically_by_two_components_is_one_topic()
    {
        var declarations = DeclarationParser.Parse("""
            {"topics": [{"name": "orders.created", "partitions": 3, "component": "orders-api"},
                        {"name": "orders.created", "partitions": 3, "component": "orders-worker"}]}
            """);

        declarations.Topics.Should().ContainSingle()
            .Which.Components.Should().Equal("orders-api", "orders-worker");
    }

    [Fact]
    public void Missing_sections_and_an_empty_document_mean_nothing_to_declare()
    {
        DeclarationParser.Parse("{}").Count.Should().Be(0);
        DeclarationParser.Parse("""{"topics": [], "indexes": null}""").Count.Should().Be(0);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"topic": []}""", "unknown section 'topic'")]
    [InlineData("""{"topics": "orders"}""", "topics: must be a list")]
    [InlineData("""{"topics": [42]}""", "topics[0]: must be a name or an object")]
    [InlineData("""{"topics": [{"partitions": 3}]}""", "topics[0]: 'name' is required")]
    [InlineData("""{"topics": [{"name": "Orders Created"}]}""", "invalid name 'Orders Created'")]
    [InlineData("""{"topics": [{"name": "a", "partitions": 0}]}""", "partitions must be an integer from 1 to 1000")]
    [InlineData("""{"topics": [{"name": "a", "partitions": "3"}]}""", "partitions must be an integer")]
    [InlineData("""{"topics": [{"name": "a", "replicas": 3}]}""", "unknown key 'replicas'")]
    [InlineData("""{"indexes": [{"name": "a", "partitions": 3}]}""", "indexes[0]: unknown key 'partitions'")]
    [InlineData("""{"schemas": [{"name": 7}]}""", "schemas[0]: the name must be a string")]
    public void A_malformed_declaration_is_refused_with_its_place_named(string json, string expected)
    {
        var act = () => DeclarationParser.Parse(json);

        act.Should().Throw<DeclarationException>().Which.Message.Should().Contain(expected);
    }

    [Fact]
    public void Conflicting_partitions_for_one_topic_are_a_conflict_naming_both_sides()
    {
        var act = () => DeclarationParser.Parse("""
            {"topics": [{"name": "orders.created", "partitions": 3, "component": "orders-api"},
                        {"name": "orders.created", "partitions": 6, "component": "orders-worker"}]}
            """);

        act.Should().Throw<DeclarationException>().Which.Message.Should()
            .Contain("topics[1]").And.Contain("6 partition(s)").And.Contain("orders-api declared it with 3");
    }

    [Fact]
    public void Every_fault_is_reported_at_once()
    {
        var act = () => DeclarationParser.Parse("""{"topics": [{"name": "BAD"}, 1], "indexes": [{}], "extra": 1}""");

        act.Should().Throw<DeclarationException>().Which.Problems.Should().HaveCount(4);
    }
}
