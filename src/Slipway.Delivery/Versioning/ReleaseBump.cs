namespace Slipway.Delivery.Versioning;

/// <summary>Which part of VERSION a release raises before tagging.</summary>
public enum ReleaseBump { Patch, Minor, Major }
