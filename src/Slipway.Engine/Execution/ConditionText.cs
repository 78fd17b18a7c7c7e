using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace Slipway.Engine;

/// <summary>A condition or parameter expression as a reader would write it: <c>IsServerBuild</c>, not <c>value(Build).IsServerBuild</c>.</summary>
internal static partial class ConditionText
{
    public static string Of(LambdaExpression expression) => Closure().Replace(expression.Body.ToString(), "");

    [GeneratedRegex(@"value\([^)]*\)\.")]
    private static partial Regex Closure();
}
