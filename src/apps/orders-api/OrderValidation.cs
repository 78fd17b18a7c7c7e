namespace Slipway.Sample.OrdersApi;

/// <summary>Checks a <see cref="CreateOrderRequest"/>; errors are keyed by field, as a validation problem expects.</summary>
public static class OrderValidation
{
    public static Dictionary<string, string[]> Validate(CreateOrderRequest? request, int maxLines)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors["body"] = ["A JSON body {\"customer\": \"…\", \"lines\": [{\"sku\": \"…\", \"quantity\": 1, \"unitPrice\": 9.5}]} is required."];
            return errors;
        }
        if (string.IsNullOrWhiteSpace(request.Customer)) errors["customer"] = ["customer is required."];
        if (request.Lines is null || request.Lines.Count == 0) errors["lines"] = ["An order needs at least one line."];
        else if (request.Lines.Count > maxLines) errors["lines"] = [$"An order has at most {maxLines} lines."];
        else
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                var problems = new List<string>();
                if (string.IsNullOrWhiteSpace(line.Sku)) problems.Add("sku is required.");
                if (line.Quantity <= 0) problems.Add("quantity must be positive.");
                if (line.UnitPrice < 0) problems.Add("unitPrice must not be negative.");
                if (problems.Count > 0) errors[$"lines[{i}]"] = problems.ToArray();
            }
        return errors;
    }
}
