using Slipway.Delivery.Components;
using Slipway.Engine;

namespace Slipway.Delivery.Tests.Images;

/// <summary>A component whose build context is a temp directory the test writes files into; deleted on dispose.</summary>
internal sealed class ThrowawayComponent : IDisposable
{
    /// <summary>A Dockerfile on the stack's Debian base that copies <c>app/</c>.</summary>
    public const string DebianDockerfile = """
        ARG BASE_REGISTRY
        FROM ${BASE_REGISTRY}/slipway-base/debian:bookworm
        COPY app/ /app/
        """;

    public ThrowawayComponent(string name)
    {
        Name = name;
        Context = AbsolutePath.From(Directory.CreateTempSubdirectory("slipway-component-").FullName);
    }

    public string Name { get; }
    public AbsolutePath Context { get; }

    /// <summary>The component; its repository is its name (the pipeline's registry prefix makes it unique).</summary>
    public Component Component => new() { Name = Name, Context = Context, Repository = Name };

    public ThrowawayComponent Write(string relativePath, string content)
    {
        var file = Context / relativePath;
        Directory.CreateDirectory(file.Parent);
        File.WriteAllText(file, content);
        return this;
    }

    public ThrowawayComponent Delete(string relativePath)
    {
        File.Delete(Context / relativePath);
        return this;
    }

    public void Dispose() => Directory.Delete(Context, recursive: true);
}
