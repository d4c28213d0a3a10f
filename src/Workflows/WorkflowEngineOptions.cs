namespace Opiskeluhuolto.Workflows;

/// <summary>Settings of the engine itself (<c>Engine:*</c>).</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Engine";

    /// <summary>
    /// IANA time zone in which cron expressions and Liquid dates are read. Elsa uses UTC; a module may set its own
    /// (the planning module sets <c>Calendar:TimeZone</c>).
    /// </summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// Lanes draining the outbox side by side, each carrying out its claims one message after the other: one per relay
    /// connection (the Host sets it from <c>Smtp:MaxConnections</c>). A killed process leaves at most
    /// <see cref="Runtime.OutboxProcessor.InHand"/> of this many lanes "delivery uncertain".
    /// </summary>
    public int OutboxLanes { get; set; } = 2;

    /// <summary>The most <see cref="OutboxLanes"/> there may be (and so relay connections the outbox uses).</summary>
    public const int MaxOutboxLanes = 64;
}
