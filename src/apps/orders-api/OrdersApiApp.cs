using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client.Exceptions;
using Slipway.Sample.Shared;

namespace Slipway.Sample.OrdersApi;

/// <summary>The orders API: health endpoints and <c>/orders</c>, stored in PostgreSQL, announced on the bus.</summary>
public static class OrdersApiApp
{
    /// <summary>The port the container serves (Dockerfile ASPNETCORE_HTTP_PORTS and EXPOSE, chart
    /// <c>port</c>).</summary>
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

        var database = DatabaseSettings.From(builder.Configuration);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(_
            => NpgsqlDataSource.Create(database.ConnectionString(applicationName: "orders-api")));
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton(BusSettings.From(builder.Configuration));
        builder.Services.AddSingleton<OrderEvents>();
        builder.Services.AddSingleton<StartupGate>();
        builder.Services.AddHealthChecks()
            .AddCheck<StartupGate>("started", tags: ["ready"])
            .AddCheck<DatabaseReadiness>("database", tags: ["ready"])
            .AddCheck<BusReadiness>("bus", tags: ["ready"]);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<StartupGate>().Open());

        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });

        app.MapGet("/", (BusSettings bus, DatabaseSettings db) => Results.Ok(new
        {
            service = "orders-api",
            version = typeof(OrdersApiApp).Assembly.GetName().Version?.ToString(),
            database = db.ToString(),
            broker = $"{bus.Host}:{bus.Port}",
            exchange = bus.Exchange,
            topics = bus.Topics,
        }));

        app.MapGet("/orders", async (OrderStore store, CancellationToken ct) => Results.Ok(await store.AllAsync(ct)));

        app.MapGet("/orders/{id:guid}", async (Guid id, OrderStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } order ? Results.Ok(order) : Results.NotFound());

        app.MapPost("/orders", async (CreateOrderRequest? request, OrderStore store, OrderEvents events,
            IConfiguration configuration, CancellationToken ct) =>
        {
            var maxLines = configuration.GetValue("Orders:MaxLines", 100);
            var errors = OrderValidation.Validate(request, maxLines);
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var lines = request!.Lines!.Select(l => new OrderLine(l.Sku!.Trim(), l.Quantity, l.UnitPrice)).ToList();
            try
            {
                var order = await store.AddAsync(request.Customer!.Trim(), lines, o => events.PublishCreatedAsync(o,
                    ct), ct);
                return Results.Created($"/orders/{order.Id}", order);
            }
            catch (Exception e)
                when (e is NpgsqlException or IOException or RabbitMQClientException or TimeoutException)
            {
                // nothing was stored: the insert is committed only after the broker confirmed the event
                return Results.Problem("The order was not stored: " + e.Message,
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

        return app;
    }
}

/// <summary>Readiness: healthy once the host has started.</summary>
public sealed class StartupGate : IHealthCheck
{
    volatile bool _open;

    public void Open() => _open = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(_open ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("starting"));
}
