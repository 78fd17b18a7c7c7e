using System.Runtime.InteropServices;

namespace Slipway.Engine;

/// <summary>POSIX signals by pid (Process.Kill only sends SIGKILL), for processes a build started and tracks by pid file.</summary>
public static class PosixSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    public static bool Terminate(int pid) => Send(pid, SigTerm);
    public static bool Kill(int pid) => Send(pid, SigKill);
    /// <summary>Freezes the process (SIGSTOP) until <see cref="Continue"/>.</summary>
    public static bool Stop(int pid) => Send(pid, 19);
    public static bool Continue(int pid) => Send(pid, 18);

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsWindows()) return false;
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException) { return false; }
    }

    /// <summary>The process's command line as NUL-separated arguments joined by spaces (empty when gone).</summary>
    public static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && NativeKill(pid, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int NativeKill(int pid, int signal);
}
