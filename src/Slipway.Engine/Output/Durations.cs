namespace Slipway.Engine;

public static class Durations
{
    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds < 1 ? $"{duration.TotalMilliseconds:0} ms"
        : duration.TotalMinutes < 1 ? $"{duration.TotalSeconds:0.0} s"
        : $"{(int)duration.TotalMinutes}:{duration.Seconds:00} min";
}
