namespace Slipway.Delivery.Deploy;

/// <summary>One image copied into a target registry (artifacts/relocation-&lt;env&gt;.json).</summary>
public sealed record Relocation(string Source, string Target, string Digest, bool AlreadyPresent, long BytesCopied);
