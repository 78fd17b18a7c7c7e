using System.Text;

namespace Slipway.Delivery.Values;

/// <summary>Reads and writes UTF-8 files byte for byte: a byte order mark stays in the text as U+FEFF, line endings as they are.</summary>
public static class ExactText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string path)
    {
        try
        {
            return Utf8.GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException e)
        {
            throw new ValuesEditException("the file is not valid UTF-8, so it is not edited", path, inner: e);
        }
    }

    public static void Write(string path, string text) => File.WriteAllBytes(path, Utf8.GetBytes(text));
}
