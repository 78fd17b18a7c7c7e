namespace Slipway.Delivery.Git;

/// <summary>The name and e-mail written as a commit's author or committer.</summary>
public sealed record GitIdentity(string Name, string Email)
{
    public static GitIdentity Slipway { get; } = new("Slipway", "slipway@localhost");

    public override string ToString() => $"{Name} <{Email}>";
}
