namespace Slipway.Delivery.Values;

/// <summary>One document of a YAML stream: its root node and where its <c>---</c> marker is, if written.</summary>
internal sealed record YamlDocumentNode(int Index, YamlNode Root, bool HasExplicitStart, int StartMarkerEnd);
