namespace Slipway.Delivery.Values;

/// <summary>The result of an edit: the new text and what changed. When nothing changed, <see cref="Text"/> is the input.</summary>
public sealed record ValuesEdit(string Text, string? FileName, IReadOnlyList<ScalarChange> Changes)
{
    public bool Changed => Changes.Any(c => c.Changed);

    /// <summary>The previous value of the (first) scalar, null when it was created.</summary>
    public string? OldValue => Changes.Count > 0 ? Changes[0].OldValue : null;

    /// <summary>The value the (first) scalar holds now.</summary>
    public string? NewValue => Changes.Count > 0 ? Changes[0].NewValue : null;

    /// <summary>The edited text, parsed again, for a further edit.</summary>
    public ValuesDocument ToDocument() => ValuesDocument.Parse(Text, FileName);

    /// <summary>This edit followed by <paramref name="next"/>, which was made on this edit's text.</summary>
    public ValuesEdit Then(ValuesEdit next) => next with { Changes = Changes.Concat(next.Changes).ToList() };

    public override string ToString() =>
        (FileName ?? "YAML text") + ": " + (Changes.Count == 0 ? "nothing to change" : string.Join("; ", Changes));
}
