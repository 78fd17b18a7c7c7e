using Slipway.Engine;

namespace Slipway.Delivery.Locks;

/// <summary>A lock another run holds was not freed in time (or --no-wait): nothing was changed.</summary>
public sealed class LockBusyException(string message) : TargetFailedException(message);
