namespace Slipway.Engine;

public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>A target failed or was cancelled.</summary>
    public const int Failed = 1;
    /// <summary>Nothing ran: unknown target or option, bad or missing parameter value, unknown profile.</summary>
    public const int Usage = 2;
    /// <summary>Nothing ran: the build's own definition is inconsistent (cycle, unresolvable reference).</summary>
    public const int Definition = 3;
    /// <summary>Interrupted by SIGINT/SIGTERM.</summary>
    public const int Interrupted = 130;
}
