using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Slipway.Sample.OrdersApi;

/// <summary>The orders API: health endpoints and an in-memory <c>/orders</c> resource.</summary>
public static class OrdersApiApp
{
    /// <summary>The port the container serves (Dockerfile ASPNETCORE_HTTP_PORTS and EXPOSE, chart <c>port</c>).</summary>
    public const int Port = 8080;

    /// <summary>Optional static configuration shipped by the base image layer (Dockerfile.base).</summary>
    public const string BaseConfigFile = "/etc/slipway/orders-api/base.json";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // request-level logs only when asked for (Logging__LogLevel__Microsoft.AspNetCore=Information)
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // the base image layer's static file (env or argument SLIPWAY_BASE_CONFIG moves it) sits below appsettings,
        // the environment variables and the command line
        var baseConfig = new JsonConfigurationSource
        {
            Path = builder.Configuration["SLIPWAY_BASE_CONFIG"] is { Length: > 0 } path ? path : BaseConfigFile,
            Optional = true,
        };
        baseConfig.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, baseConfig);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton(sp => BusOptions.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<OrderEvents>();
        builder.Services.AddSingleton<StartupGate>();
        builder.Services.AddHealthChecks().AddCheck<StartupGate>("started", tags: ["ready"]);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<StartupGate>().Open());

        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });

        app.MapGet("/", (BusOptions bus) => Results.Ok(new
        {
            service = "orders-api",
            version = typeof(OrdersApiApp).Assembly.GetName().Version?.ToString(),
            broker = bus.Broker,
            topics = bus.Topics,
        }));

        app.MapGet("/orders", (OrderStore store) => Results.Ok(store.All()));

        app.MapGet("/orders/{id:guid}", (Guid id, OrderStore store) =>
            store.Find(id) is { } order ? Results.Ok(order) : Results.NotFound());

        app.MapPost("/orders", (CreateOrderRequest? request, OrderStore store, OrderEvents events, IConfiguration configuration) =>
        {
            var maxLines = configuration.GetValue("Orders:MaxLines", 100);
            var errors = OrderValidation.Validate(request, maxLines);
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var lines = request!.Lines!.Select(l => new OrderLine(l.Sku!.Trim(), l.Quantity, l.UnitPrice)).ToList();
            var order = store.Add(request.Customer!.Trim(), lines);
            events.PublishCreated(order);
            return Results.Created($"/orders/{order.Id}", order);
        });

        return app;
    }
}

/// <summary>Readiness: healthy once the host has started.</summary>
public sealed class StartupGate : IHealthCheck
{
    volatile bool _open;

    public void Open() => _open = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_open ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("starting"));
}
