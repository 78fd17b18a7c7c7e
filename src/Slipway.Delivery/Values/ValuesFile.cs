namespace Slipway.Delivery.Values;

/// <summary>Edits a values file on disk; the file is written only when its text changed, and never when the edit fails.</summary>
public static class ValuesFile
{
    public static ValuesEdit Edit(string path, Func<ValuesDocument, ValuesEdit> edit)
    {
        if (!File.Exists(path)) throw new ValuesEditException("the file does not exist", path);
        var text = ExactText.Read(path);
        var result = edit(ValuesDocument.Parse(text, path));
        if (result.Text != text) ExactText.Write(path, result.Text);
        return result;
    }

    public static ValuesEdit Set(string path, KeyPath keyPath, string value, int document = 0) =>
        Edit(path, values => values.Set(keyPath, value, document));

    public static ValuesEdit Set(string path, string keyPath, string value, int document = 0) =>
        Set(path, KeyPath.Parse(keyPath), value, document);

    public static ValuesEdit SetMarked(string path, string component, ImageUpdate update) =>
        Edit(path, values => values.SetMarked(component, update));
}
