namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>A coordinator's sign-in.</summary>
public sealed class CoordinatorAccount
{
    /// <summary>User name.</summary>
    public string? User { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>Display name (shown in the workspace and the audit trail).</summary>
    public string? Name { get; set; }
}
