using System.Linq.Expressions;

namespace Slipway.Engine;

/// <summary>A condition of a target and, when given, the words that explain a skip.</summary>
internal sealed record TargetCondition(Expression<Func<bool>> Condition, string? SkippedBecause)
{
    /// <summary>What a skipped target's note says: the explanation, else the condition as written.</summary>
    public string Explanation => SkippedBecause ?? $"condition false: {ConditionText.Of(Condition)}";
}
