using Slipway.Delivery.Dotnet;
using Slipway.Delivery.Stack;
using Slipway.Engine;

namespace Slipway.Build;

partial class Build
{
    /// <summary>The integration tests talk to the real local stack: it comes up before Test.</summary>
    Target StackForTests => _ => _
        .Unlisted()
        .DependsOn<IStack>(x => x.StackUp)
        .DependentFor<ITest>(x => x.Test);
}
