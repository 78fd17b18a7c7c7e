namespace Slipway.Delivery.Helm;

/// <summary>
/// Helm 4 runs a post-renderer only as a plugin: this is a private plugins directory (HELM_PLUGINS) holding one
/// <c>postrenderer/v1</c> plugin that runs the given command, deleted on dispose. The command is linked into the plugin
/// (helm splits a plugin's command at spaces); its arguments go through <c>--post-renderer-args</c>, as with helm 3.
/// </summary>
public sealed class PostRendererPlugin : IDisposable
{
    public const string Name = "slipway-post-renderer";

    /// <summary>Helm 4 hides a plugin's error output: the post-renderer writes it to the file this names.</summary>
    public const string ErrorFileVariable = "SLIPWAY_POST_RENDERER_ERROR_FILE";

    private readonly DirectoryInfo _root;

    private PostRendererPlugin(DirectoryInfo root) => _root = root;

    public string PluginsDirectory => Path.Combine(_root.FullName, "plugins");

    public string ErrorFile => Path.Combine(_root.FullName, "error");

    public static PostRendererPlugin Create(string command)
    {
        var plugin = new PostRendererPlugin(Directory.CreateTempSubdirectory("slipway-helm-plugins-"));
        var directory = Directory.CreateDirectory(Path.Combine(plugin.PluginsDirectory, Name)).FullName;
        var executable = Path.IsPathFullyQualified(command) ? command : Engine.ToolResolver.Find(command) ?? command;
        File.CreateSymbolicLink(Path.Combine(directory, "command"), executable);
        File.WriteAllText(Path.Combine(directory, "plugin.yaml"), $$"""
            apiVersion: v1
            name: {{Name}}
            type: postrenderer/v1
            runtime: subprocess
            version: 1.0.0
            runtimeConfig:
              platformCommand:
                - command: "${HELM_PLUGIN_DIR}/command"

            """);
        return plugin;
    }

    /// <summary>What the post-renderer reported before it failed, if anything.</summary>
    public string? ReadError() =>
        File.Exists(ErrorFile) && File.ReadAllText(ErrorFile).Trim() is { Length: > 0 } error ? error : null;

    public void Dispose()
    {
        try { _root.Delete(recursive: true); }
        catch (IOException) { }
    }
}
