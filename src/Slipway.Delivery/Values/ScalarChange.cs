namespace Slipway.Delivery.Values;

/// <summary>One scalar an edit wrote (or found already right): its path, document index, old and new value.</summary>
public sealed record ScalarChange(KeyPath Path, int Document, string? OldValue, string NewValue)
{
    /// <summary>The key did not exist and was created.</summary>
    public bool Created => OldValue == null;

    public bool Changed => OldValue != NewValue;

    public override string ToString() =>
        !Changed ? $"{Path} is already {NewValue}"
        : Created ? $"{Path} created as {NewValue}"
        : $"{Path}: {OldValue} -> {NewValue}";
}
