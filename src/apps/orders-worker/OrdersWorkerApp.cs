using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Slipway.Sample.OrdersWorker;

/// <summary>The orders worker: an <see cref="OrderEventConsumer"/> plus health and status endpoints.</summary>
public static class OrdersWorkerApp
{
    /// <summary>The port the container serves (Dockerfile ASPNETCORE_HTTP_PORTS and EXPOSE, chart <c>port</c>).</summary>
    public const int Port = 8081;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // request-level logs only when asked for (Logging__LogLevel__Microsoft.AspNetCore=Information)
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => WorkerOptions.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<OrderEventConsumer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrderEventConsumer>());
        builder.Services.AddHealthChecks()
            .AddCheck<ConsumerLiveness>("consumer-live", tags: ["live"])
            .AddCheck<ConsumerReadiness>("consumer-ready", tags: ["ready"]);

        var app = builder.Build();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapGet("/status", (OrderEventConsumer consumer, WorkerOptions options) => Results.Ok(new
        {
            service = "orders-worker",
            polls = consumer.Polls,
            lastBeat = consumer.LastBeat,
            broker = options.Broker,
            topics = options.Topics,
        }));
        return app;
    }
}
