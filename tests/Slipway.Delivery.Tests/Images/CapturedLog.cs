using System.Reflection;
using Slipway.Engine;

namespace Slipway.Delivery.Tests.Images;

/// <summary>
/// Captures what <see cref="Log"/> writes in the current async flow, as a build run would show it.
/// The engine's BuildOutput.Use is internal to it, hence the reflection.
/// </summary>
internal sealed class CapturedLog : IDisposable
{
    private readonly StringWriter _writer = new();
    private readonly IDisposable _restore;

    public CapturedLog()
    {
        var output = new BuildOutput(_writer, new SecretMasker(), Verbosity.Normal, CiHost.Terminal);
        output.Console.Profile.Width = 10_000; // one log line, one text line
        var use = typeof(BuildOutput).GetMethod("Use", BindingFlags.NonPublic | BindingFlags.Static)
                  ?? throw new InvalidOperationException("BuildOutput.Use(BuildOutput) is gone: update CapturedLog.");
        _restore = (IDisposable)use.Invoke(null, [output])!;
    }

    public string Text => _writer.ToString();

    public void Dispose() => _restore.Dispose();
}
