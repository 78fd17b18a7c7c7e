using System.Runtime.InteropServices;

namespace Slipway.Engine;

/// <summary>Sends a POSIX signal to a process (Process.Kill only sends SIGKILL).</summary>
internal static class Signals
{
    public const int SigTerm = 15;

    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
