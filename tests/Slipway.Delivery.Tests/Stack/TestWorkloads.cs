using System.Text.Json.Nodes;

namespace Slipway.Delivery.Tests.Stack;

/// <summary>Workloads the cluster tests create on the stack's node: one container running the command given.</summary>
internal static class TestWorkloads
{
    /// <summary>A Job of one pod, never restarted: it completes or fails as its command exits.</summary>
    public static JsonObject Job(string name, string image, IEnumerable<string> command) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["backoffLimit"] = 0,
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["restartPolicy"] = "Never",
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = name, ["image"] = image,
                        ["command"] = new JsonArray(command.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
                    }),
                },
            },
        },
    };
}
