using Slipway.Delivery.Components;

// slipway:components-not-found-yet: ./build.sh Adopt replaces this file with the repository's runnable projects.
partial class Build
{
    public IReadOnlyList<Component> Components => [];
}
