using System.Text;

namespace Slipway.Delivery.Tests.Registry;

/// <summary>The head of an HTTP/1.1 message as it came over the wire: its bytes, start line and headers.</summary>
internal sealed class HttpHead
{
    private HttpHead(byte[] raw, string startLine, IReadOnlyList<(string Name, string Value)> headers)
    {
        Raw = raw;
        StartLine = startLine;
        Headers = headers;
    }

    public byte[] Raw { get; }
    public string StartLine { get; }
    public IReadOnlyList<(string Name, string Value)> Headers { get; }

    /// <summary>For a request: the method and the request target (path and query).</summary>
    public string Method => StartLine.Split(' ')[0];
    public string Target => StartLine.Split(' ')[1];

    /// <summary>For a response: the status code.</summary>
    public int Status => int.Parse(StartLine.Split(' ')[1]);

    public string? this[string name] => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public long? ContentLength => this["Content-Length"] is { } value ? long.Parse(value) : null;
    public bool IsChunked => this["Transfer-Encoding"]?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
    public bool WantsClose => this["Connection"]?.Contains("close", StringComparison.OrdinalIgnoreCase) == true;

    public static HttpHead Parse(byte[] raw)
    {
        var lines = Encoding.ASCII.GetString(raw).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => (p[0].Trim(), p.Length > 1 ? p[1].Trim() : "")).ToList();
        return new HttpHead(raw, lines[0], headers);
    }
}
