namespace Slipway.Delivery.Tests.GitOps;

/// <summary>Values files as a deployment repository holds them, for seeding test repositories.</summary>
internal static class ValuesSamples
{
    public static string Path(string component) => $"deploy/values/components/{component}.yaml";

    /// <summary>A component's tag file in this repository's layout: comments, other keys, the marked tag line.</summary>
    public static string Marked(string component, string tag) => $"""
        # Image tag of {component}. Written by the build (BumpValues), which finds the line by its marker.
        {component}:
          image:
            repository: shop/{component}
            tag: "{tag}" # slipway:image={component}
            pullPolicy: IfNotPresent

        """;

    /// <summary>The file BumpValues creates for a component that has none.</summary>
    public static string Created(string component, string tag) => $"{component}:\n  image:\n    tag: \"{tag}\" # slipway:image={component}\n";

    public const string Kustomization = """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        # The images Flux rolls out; the pipeline bumps newTag.
        resources:
          - deployment.yaml
        images:
          - name: registry.example.com/shop/orders-api
            newTag: 1a2b3c4d
          - name: registry.example.com/shop/web-ui
            newTag: 1a2b3c4d # pinned by hand

        """;
}
