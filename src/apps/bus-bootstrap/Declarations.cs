namespace Slipway.Sample.BusBootstrap;

/// <summary>What the apps declare: topics on the bus, schemas in the environment's database.</summary>
public sealed record Declarations(IReadOnlyList<TopicDeclaration> Topics, IReadOnlyList<SchemaDeclaration> Schemas)
{
    public int Count => Topics.Count + Schemas.Count;
}

/// <summary>
/// A topic: on RabbitMQ, a durable queue of that name bound to the bus's topic exchange with the topic as routing key.
/// <see cref="Components"/> lists who declared it (several components may share one).
/// </summary>
public sealed record TopicDeclaration(string Name, IReadOnlyList<string> Components);

/// <summary>A schema of the environment's database, owned by the apps' role.</summary>
public sealed record SchemaDeclaration(string Name, IReadOnlyList<string> Components);

/// <summary>The declarations are not usable; <see cref="Problems"/> names each fault.</summary>
public sealed class DeclarationException(IReadOnlyList<string> problems)
    : Exception("Malformed declarations:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p
        => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
