namespace Slipway.Delivery.Git;

/// <summary>Recognises, in <c>git push</c> output, a rejection that only means someone else pushed first.</summary>
internal static class PushRejections
{
    private static readonly string[] BranchMovedSigns =
    [
        "fetch first", "non-fast-forward", "stale info", "failed to update ref", "cannot lock ref",
        "incorrect old value", "failed to lock", "reference already exists",
    ];

    /// <summary>The rejection line when the push failed because the branch moved; null for any other failure.</summary>
    public static string? BranchMoved(string pushOutput)
    {
        foreach (var line in pushOutput.Split('\n'))
        {
            var text = line.Trim();
            if (BranchMovedSigns.Any(sign => text.Contains(sign, StringComparison.OrdinalIgnoreCase))) return text;
        }
        return null;
    }
}
