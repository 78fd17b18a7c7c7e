using Slipway.Delivery.Containers;
using Slipway.Delivery.Registry;
using Slipway.Engine;

namespace Slipway.Delivery.Images;

public interface IPushImage : IDockerBuild
{
    Target PushImage => _ => _
        .Description("Push the images (or tag unchanged ones registry-side), confirm each digest, write " +
                     "artifacts/images.json and a record per image in artifacts/images/")
        .DependsOn<IDockerBuild>(x => x.DockerBuild)
        .Executes(async ct =>
        {
            await HoldOutputsAsync(ct);
            var planned = ImagesManifest.Read(BuildPlanFile);
            using var docker = DockerEngine.Connect(DockerEndpoint);
            using var registry = new RegistryClient(ImageRegistry.Host, ImageRegistryCredentials)
            {
                Origin = ImageRegistryOrigin,
            };
            var pusher = new ImagePusher(docker, registry);
            var pushed = new List<BuiltImage>();
            foreach (var image in planned) pushed.Add(await pusher.PushAsync(image, ct));
            ImagesManifest.Write(ImagesFile, pushed);
            ImagesManifest.WriteRecords(ImageRecordsDirectory, pushed);
            Log.Information($"Wrote {ImagesFile.RelativeTo(RootDirectory)}: {pushed.Count(i => i.Rebuilt)} rebuilt, {pushed.Count(i => !i.Rebuilt)} unchanged.");
        });
}
