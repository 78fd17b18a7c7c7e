using Docker.DotNet.Models;

namespace Slipway.Delivery.Containers;

/// <summary>
/// Reads a classic build's progress stream: the current <c>Step n/m</c>, that step's last output lines, the image id,
/// and the error that ends a failed build (the engine reports it only in the stream, after a 200 response).
/// </summary>
internal sealed partial class BuildProgress(Action<string>? onOutput) : IProgress<JSONMessage>
{
    private const int TailLines = 15;
    private const string SuccessPrefix = "Successfully built ";
    private readonly Queue<string> _stepOutput = new();
    private string? _step;
    private string? _imageId;
    private string? _error;

    public void Report(JSONMessage value)
    {
        foreach (var line in value.Stream?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            var text = AnsiEscape().Replace(line, "").TrimEnd();
            if (text.Length == 0) continue;
            if (text.StartsWith("Step ", StringComparison.Ordinal))
            {
                _step = text;
                _stepOutput.Clear();
            }
            else if (!IsEngineBookkeeping(text))
            {
                _stepOutput.Enqueue(text);
                if (_stepOutput.Count > TailLines) _stepOutput.Dequeue();
            }
            if (text.StartsWith(SuccessPrefix, StringComparison.Ordinal)) _imageId ??= text[SuccessPrefix.Length..];
            onOutput?.Invoke(text);
        }
        if (value.AuxString("ID") is { } id) _imageId = id;
        if (value.Error?.Message is { Length: > 0 } error) _error ??= error.Trim();
    }

    /// <summary>The built image's id; throws when the stream reported an error or no image.</summary>
    public string Result(IReadOnlyList<string> tags)
    {
        var what = $"Docker build of {string.Join(", ", tags)}";
        if (_error != null)
            throw new DockerBuildException($"{what} failed at {_step ?? "the start"}: {_error}{Tail()}", _step);
        return _imageId ?? throw new DockerBuildException($"{what} ended without an image id.{Tail()}", _step);
    }

    /// <summary>The engine's own lines around a step's output (" ---> Running in 1f2e…", "Removing intermediate…").
    /// </summary>
    private static bool IsEngineBookkeeping(string text) =>
        text.StartsWith(" ---> ", StringComparison.Ordinal) ||
        text.StartsWith("Removing intermediate container ", StringComparison.Ordinal);

    /// <summary>Colour codes the engine wraps a step's stderr in.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial System.Text.RegularExpressions.Regex AnsiEscape();

    private string Tail() => _stepOutput.Count == 0
        ? ""
        : $"\nLast output of {(_step != null ? "that step" : "the build")}:\n" +
          string.Join('\n', _stepOutput.Select(line => "    " + line));
}
