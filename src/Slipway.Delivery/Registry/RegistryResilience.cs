using System.Net;
using Polly;
using Polly.Retry;

namespace Slipway.Delivery.Registry;

/// <summary>Retries of transient registry failures (5xx, 429, dropped connections) with jittered exponential back-off.</summary>
public static class RegistryResilience
{
    public static ResiliencePipeline Default { get; } = Create(attempts: 6, TimeSpan.FromMilliseconds(200));

    public static ResiliencePipeline Create(int attempts, TimeSpan firstDelay) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = attempts,
            Delay = firstDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<IOException>()
                .Handle<RegistryException>(e => IsTransient(e.Status) || e.Code == RegistryException.Unreachable),
            OnRetry = args =>
            {
                Slipway.Engine.Log.Debug($"registry: retry {args.AttemptNumber + 1} after {args.Outcome.Exception?.Message}");
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public static bool IsTransient(HttpStatusCode? status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int?)status >= 500;
}
