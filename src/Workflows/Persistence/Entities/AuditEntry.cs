namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>An append-only audit entry written outside a burst (e.g. a decision link was opened).</summary>
public sealed class AuditEntry
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>What happened (LinkOpened, DecisionSubmitted, DecisionRefused…).</summary>
    public string Event { get; set; } = "";

    /// <summary>Who (e-mail).</summary>
    public string? Actor { get; set; }

    /// <summary>Details.</summary>
    public string? Detail { get; set; }

    /// <summary>User agent of the request.</summary>
    public string? UserAgent { get; set; }
}
