namespace Slipway.Sample.WebUi;

/// <summary>
/// The web UI: the orders page (wwwroot/index.html under the content root, rendered with the orders read from
/// orders-api on the server), <c>api/orders</c> (GET and POST forwarded to orders-api, for the page's script) and
/// health endpoints. Where orders-api is: <see cref="OrdersApiClient"/>.
/// </summary>
public static class WebUiApp
{
    /// <summary>The port the container serves (Dockerfile ASPNETCORE_HTTP_PORTS and EXPOSE, chart
    /// <c>port</c>).</summary>
    public const int Port = 8082;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // request-level logs only when asked for (Logging__LogLevel__Microsoft.AspNetCore=Information)
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var apiBase = builder.Configuration["WebUi:OrdersApi"] is { Length: > 0 } b ? b : OrdersApiClient.DefaultBase;
        builder.Services.AddHttpClient<OrdersApiClient>(http =>
        {
            http.BaseAddress = new Uri(apiBase.EndsWith('/') ? apiBase : apiBase + "/");
            http.Timeout = TimeSpan.FromSeconds(5);
        });
        var app = builder.Build();

        app.MapGet("/healthz/live", () => Results.Text("Healthy"));
        // ready when the page can be served and orders-api answers
        app.MapGet("/healthz/ready", async (IWebHostEnvironment env, OrdersApiClient api, CancellationToken ct) =>
        {
            if (!env.WebRootFileProvider.GetFileInfo("index.html").Exists)
                return Results.Text("Unhealthy: wwwroot/index.html not found under " + env.ContentRootPath,
                    statusCode: 503);
            return await api.ProblemAsync(ct) is { } problem ? Results.Text("Unhealthy: " + problem, statusCode: 503)
                : Results.Text("Healthy");
        });
        app.MapGet("/", async (IWebHostEnvironment env, OrdersApiClient api, CancellationToken ct) =>
        {
            var file = env.WebRootFileProvider.GetFileInfo("index.html");
            if (!file.Exists) return Results.NotFound();
            string template;
            using (var reader = new StreamReader(file.CreateReadStream())) template = await reader.ReadToEndAsync(ct);
            try
            {
                return Results.Content(OrdersPage.Render(template, await api.ListAsync(ct), null),
                    "text/html; charset=utf-8");
            }
            catch (Exception e)
                when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                return Results.Content(OrdersPage.Render(template, null,
                    $"orders-api at {api.BaseAddress} unreachable ({e.Message})"),
                    "text/html; charset=utf-8");
            }
        });
        app.MapGet("/api/orders", (OrdersApiClient api, CancellationToken ct) => api.ForwardAsync(HttpMethod.Get,
            "orders", null, ct));
        app.MapPost("/api/orders", async (HttpRequest request, OrdersApiClient api, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            return await api.ForwardAsync(HttpMethod.Post, "orders", await reader.ReadToEndAsync(ct), ct);
        });
        app.UseStaticFiles();
        return app;
    }
}
