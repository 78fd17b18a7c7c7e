using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slipway.Delivery.Locks;

/// <summary>Who holds a lock: the process, its machine and user, what it runs and since when.</summary>
public sealed record LockHolder(string Host, int Pid, string User, string Command, DateTimeOffset Since)
{
    /// <summary>This process, running <paramref name="command"/> (e.g. "DeployApps --env local").</summary>
    public static LockHolder Current(string command) => new(System.Environment.MachineName,
        System.Environment.ProcessId, System.Environment.UserName, command, StartOfThisProcess());

    /// <summary>For a person: "pid 4242 on build-7 (ci), `DeployApps --env local`, since 2026-12-07 19:02:11 UTC".
    /// </summary>
    public string Describe() =>
        $"pid {Pid} on {Host} ({User}), `{Command}`, since {Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";

    /// <summary>The identity a Lease carries: user@host/pid.</summary>
    public string Identity => $"{User}@{Host}/{Pid}";

    public bool IsOnThisMachine => Host == System.Environment.MachineName;

    /// <summary>A holder on this machine whose process is gone (crashed, killed): its lock is stale.</summary>
    public bool IsGoneFromThisMachine => IsOnThisMachine && !Slipway.Engine.PosixSignals.IsAlive(Pid);

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static LockHolder? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try { return JsonSerializer.Deserialize<LockHolder>(json, Options); }
        catch (JsonException) { return null; }
    }

    private static DateTimeOffset StartOfThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero);
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
