namespace Slipway.Sample.BusBootstrap;

/// <summary>What the apps declare: topics on the broker, search indexes, database schemas.</summary>
public sealed record Declarations(IReadOnlyList<TopicDeclaration> Topics, IReadOnlyList<IndexDeclaration> Indexes, IReadOnlyList<SchemaDeclaration> Schemas)
{
    public int Count => Topics.Count + Indexes.Count + Schemas.Count;
}

/// <summary>A topic; <see cref="Components"/> lists who declared it (several components may share one).</summary>
public sealed record TopicDeclaration(string Name, int Partitions, IReadOnlyList<string> Components);

/// <summary>A search index.</summary>
public sealed record IndexDeclaration(string Name, IReadOnlyList<string> Components);

/// <summary>A database schema.</summary>
public sealed record SchemaDeclaration(string Name, IReadOnlyList<string> Components);

/// <summary>The declarations are not usable; <see cref="Problems"/> names each fault.</summary>
public sealed class DeclarationException(IReadOnlyList<string> problems)
    : Exception("Malformed declarations:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
