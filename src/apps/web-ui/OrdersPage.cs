using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Slipway.Sample.WebUi;

/// <summary>The page: wwwroot/index.html with the orders' rows and the status filled in on the server.</summary>
public static class OrdersPage
{
    public static string Render(string template, IReadOnlyList<OrderView>? orders, string? problem)
    {
        var html = HtmlEncoder.Default;
        var rows = new StringBuilder();
        foreach (var o in orders ?? [])
            rows.Append("<tr data-order=\"").Append(o.Id).Append("\">")
                .Append("<td>").Append(o.Id.ToString()[..8]).Append("</td>")
                .Append("<td>").Append(html.Encode(o.Customer)).Append("</td>")
                .Append("<td>").Append(o.Lines.Count).Append("</td>")
                .Append("<td>").Append(o.Total.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td>").Append(o.CreatedAt.ToString("u", CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td>").Append(o.ProcessedAt is null ? "pending" : "processed").Append("</td>")
                .Append("</tr>");
        var status = problem != null
            ? $"<span id=\"status\" class=\"status error\">{html.Encode(problem)}</span>"
            : $"<span id=\"status\" class=\"status ok\">{orders!.Count} order(s)</span>";
        return template
            .Replace("<tbody></tbody>", $"<tbody>{rows}</tbody>", StringComparison.Ordinal)
            .Replace("<span id=\"status\" class=\"status\">loading…</span>", status, StringComparison.Ordinal);
    }
}
