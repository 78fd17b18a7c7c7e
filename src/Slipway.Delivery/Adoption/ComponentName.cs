using System.Text;

namespace Slipway.Delivery.Adoption;

/// <summary>A project name as a component name: lower kebab case, a DNS label (Service and image names).</summary>
public static class ComponentName
{
    /// <summary><c>OrdersApi</c>, <c>Orders.Api</c> and <c>orders_api</c> give <c>orders-api</c>.</summary>
    public static string From(string projectName)
    {
        var name = new StringBuilder();
        for (var i = 0; i < projectName.Length; i++)
        {
            var c = projectName[i];
            if (char.IsAsciiLetterUpper(c))
            {
                var previous = i > 0 ? projectName[i - 1] : ' ';
                var afterLower = char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous);
                var endsAcronym = char.IsAsciiLetterUpper(previous)
                                  && i + 1 < projectName.Length && char.IsAsciiLetterLower(projectName[i + 1]);
                if (afterLower || endsAcronym) name.Append('-');
                name.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) name.Append(c);
            else name.Append('-');
        }
        var label = string.Join('-', name.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return label.Length > 63 ? label[..63].TrimEnd('-') : label;
    }
}
