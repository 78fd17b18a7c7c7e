using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using Slipway.Sample.Shared;

namespace Slipway.Sample.OrdersWorker;

/// <summary>The orders worker: an <see cref="OrderEventConsumer"/> plus health and status endpoints.</summary>
public static class OrdersWorkerApp
{
    /// <summary>The port the container serves (Dockerfile ASPNETCORE_HTTP_PORTS and EXPOSE, chart
    /// <c>port</c>).</summary>
    public const int Port = 8081;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // request-level logs only when asked for (Logging__LogLevel__Microsoft.AspNetCore=Information)
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        var database = DatabaseSettings.From(builder.Configuration);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(_
            => NpgsqlDataSource.Create(database.ConnectionString(applicationName: "orders-worker")));
        builder.Services.AddSingleton<ProcessedOrders>();
        builder.Services.AddSingleton(BusSettings.From(builder.Configuration));
        builder.Services.AddSingleton(sp => WorkerOptions.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<OrderEventConsumer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrderEventConsumer>());
        builder.Services.AddHealthChecks()
            .AddCheck<ConsumerLiveness>("consumer-live", tags: ["live"])
            .AddCheck<ConsumerReadiness>("consumer-ready", tags: ["ready"]);

        var app = builder.Build();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapGet("/status", async (OrderEventConsumer consumer, WorkerOptions options, BusSettings bus,
            ProcessedOrders store,
            CancellationToken ct) =>
        {
            long? total = null;
            try
            {
                total = await store.CountAsync(ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
            }
            return Results.Ok(new
            {
                service = "orders-worker",
                consuming = consumer.Consuming,
                queue = options.Queue,
                broker = $"{bus.Host}:{bus.Port}",
                processed = consumer.Processed,
                duplicates = consumer.Duplicates,
                deadLettered = consumer.DeadLettered,
                failures = consumer.Failures,
                processedInDatabase = total,
            });
        });
        return app;
    }
}
