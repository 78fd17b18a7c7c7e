namespace Slipway.Sample.WebUi;

/// <summary>
/// A tiny static-files host for the web UI (wwwroot/ under the content root), with health endpoints and
/// <c>/config.json</c>, which tells the page where the orders API is (<c>WebUi:OrdersApiBase</c>, env
/// <c>WEBUI__ORDERSAPIBASE</c>; default <c>../orders-api/</c>, the API's route next to the UI's behind the gateway).
/// </summary>
public static class WebUiApp
{
    /// <summary>The port the container serves (Dockerfile ASPNETCORE_HTTP_PORTS and EXPOSE, chart <c>port</c>).</summary>
    public const int Port = 8082;

    public const string DefaultOrdersApiBase = "../orders-api/";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // request-level logs only when asked for (Logging__LogLevel__Microsoft.AspNetCore=Information)
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var app = builder.Build();

        app.MapGet("/healthz/live", () => Results.Text("Healthy"));
        // ready when the page itself can be served
        app.MapGet("/healthz/ready", (IWebHostEnvironment env) =>
            env.WebRootFileProvider.GetFileInfo("index.html").Exists
                ? Results.Text("Healthy")
                : Results.Text("Unhealthy: wwwroot/index.html not found under " + env.ContentRootPath, statusCode: 503));
        app.MapGet("/config.json", (IConfiguration configuration) => Results.Ok(new
        {
            ordersApiBase = configuration["WebUi:OrdersApiBase"] is { Length: > 0 } b ? b : DefaultOrdersApiBase,
        }));
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
