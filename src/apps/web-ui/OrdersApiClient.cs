using System.Net.Http.Json;
using System.Text.Json;

namespace Slipway.Sample.WebUi;

/// <summary>An order as orders-api returns it (only what the page shows).</summary>
public sealed record OrderView(Guid Id, string Customer, IReadOnlyList<JsonElement> Lines, decimal Total,
    DateTimeOffset CreatedAt, DateTimeOffset? ProcessedAt);

/// <summary>
/// The web UI's server-side client of orders-api (<c>WebUi:OrdersApi</c>, env <c>WEBUI__ORDERSAPI</c>, default
/// <c>http://orders-api:8080/</c>, the Service in the same namespace): the page and <c>api/orders</c> go through it.
/// </summary>
public sealed class OrdersApiClient(HttpClient http)
{
    public const string DefaultBase = "http://orders-api:8080/";

    public Uri BaseAddress => http.BaseAddress!;

    public async Task<IReadOnlyList<OrderView>> ListAsync(CancellationToken ct) =>
        await http.GetFromJsonAsync<List<OrderView>>("orders", JsonSerializerOptions.Web, ct) ?? [];

    /// <summary>Forwards a request to orders-api and returns its answer as it is (status, JSON body).</summary>
    public async Task<IResult> ForwardAsync(HttpMethod method, string path, string? jsonBody, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (jsonBody != null) request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8,
            "application/json");
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return Results.Content(body, response.Content.Headers.ContentType?.ToString() ?? "application/json",
            statusCode: (int)response.StatusCode);
    }

    /// <summary>Whether orders-api says it is ready.</summary>
    public async Task<string?> ProblemAsync(CancellationToken ct)
    {
        try
        {
            // within a probe's timeout, however long orders-api would take
            using var response = await http.GetAsync("healthz/ready", ct).WaitAsync(TimeSpan.FromSeconds(1.5), ct);
            return response.IsSuccessStatusCode ? null
                : $"orders-api at {BaseAddress} is not ready (HTTP {(int)response.StatusCode})";
        }
        catch (HttpRequestException e)
        {
            return $"orders-api at {BaseAddress} is unreachable: {e.Message}";
        }
        catch (TimeoutException)
        {
            return $"orders-api at {BaseAddress} did not answer within 1.5 s";
        }
    }
}
