namespace Slipway.Delivery.Values;

/// <summary>A scalar found by a marker comment on its line, e.g. <c>tag: 1.2 # slipway:image=api</c>.</summary>
public sealed record MarkedScalar(string Component, MarkerPart Part, KeyPath Path, int Document, int Line, string Value)
{
    /// <summary>Marked by a Flux <c>$imagepolicy</c> setter (Flux writes it too), not by a Slipway marker.</summary>
    public bool ByFlux { get; init; }
}
