namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A stored definition version.</summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>Version id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Definition id.</summary>
    public string DefinitionId { get; set; } = "";

    /// <summary>Version number.</summary>
    public int Version { get; set; }

    /// <summary>Name.</summary>
    public string? Name { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Latest version flag.</summary>
    public bool IsLatest { get; set; }

    /// <summary>Published flag.</summary>
    public bool IsPublished { get; set; }

    /// <summary>System workflow.</summary>
    public bool IsSystem { get; set; }

    /// <summary>Read-only.</summary>
    public bool IsReadonly { get; set; }

    /// <summary>Usable as an activity.</summary>
    public bool UsableAsActivity { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Tool version.</summary>
    public string? ToolVersion { get; set; }

    /// <summary>Where the definition came from (e.g. <c>workflows-json/x.json</c>); null for API saves.</summary>
    public string? Source { get; set; }

    /// <summary>SHA-256 of the source file the version was imported from.</summary>
    public string? SourceHash { get; set; }

    /// <summary>The definition document (JSON).</summary>
    public string Data { get; set; } = "";
}

/// <summary>A stored workflow instance.</summary>
public sealed class WorkflowInstanceRecord
{
    /// <summary>Instance id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Definition id.</summary>
    public string DefinitionId { get; set; } = "";

    /// <summary>Definition version id.</summary>
    public string DefinitionVersionId { get; set; } = "";

    /// <summary>Version number.</summary>
    public int Version { get; set; }

    /// <summary>Parent instance.</summary>
    public string? ParentWorkflowInstanceId { get; set; }

    /// <summary>Correlation id.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Name.</summary>
    public string? Name { get; set; }

    /// <summary>Status.</summary>
    public string Status { get; set; } = "";

    /// <summary>Sub-status.</summary>
    public string SubStatus { get; set; } = "";

    /// <summary>Incident count.</summary>
    public int IncidentCount { get; set; }

    /// <summary>System instance.</summary>
    public bool IsSystem { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Updated.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Finished.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Optimistic concurrency revision: each burst commit increments it.</summary>
    public long Revision { get; set; }

    /// <summary>Workflow state (JSON).</summary>
    public string Data { get; set; } = "";
}

/// <summary>A stored bookmark, indexed for stimulus matching and timers.</summary>
public sealed class BookmarkRecord
{
    /// <summary>Bookmark id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Stimulus name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Stimulus hash.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Activity instance id.</summary>
    public string ActivityInstanceId { get; set; } = "";

    /// <summary>Activity node id.</summary>
    public string ActivityNodeId { get; set; } = "";

    /// <summary>Instance correlation id at commit time.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Due time for timer bookmarks.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Payload (JSON).</summary>
    public string? Payload { get; set; }

    /// <summary>Metadata (JSON).</summary>
    public string? Metadata { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A trigger of a published definition version.</summary>
public sealed class TriggerRecord
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Definition id.</summary>
    public string WorkflowDefinitionId { get; set; } = "";

    /// <summary>Version id.</summary>
    public string WorkflowDefinitionVersionId { get; set; } = "";

    /// <summary>Stimulus name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Hash.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Payload (JSON).</summary>
    public string? Payload { get; set; }
}

/// <summary>A journal entry.</summary>
public sealed class ExecutionLogEntity
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Sequence.</summary>
    public long Sequence { get; set; }

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Node id.</summary>
    public string NodeId { get; set; } = "";

    /// <summary>Activity type.</summary>
    public string ActivityType { get; set; } = "";

    /// <summary>Event name.</summary>
    public string? EventName { get; set; }

    /// <summary>Timestamp.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The record (JSON).</summary>
    public string Data { get; set; } = "";
}

/// <summary>An activity execution record.</summary>
public sealed class ActivityExecutionEntity
{
    /// <summary>Id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Node id.</summary>
    public string ActivityNodeId { get; set; } = "";

    /// <summary>Status.</summary>
    public string Status { get; set; } = "";

    /// <summary>Started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Completed.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The record (JSON).</summary>
    public string Data { get; set; } = "";
}

/// <summary>An incident, kept for queries across instances.</summary>
public sealed class IncidentEntity
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>Instance id.</summary>
    public string WorkflowInstanceId { get; set; } = "";

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Activity type.</summary>
    public string ActivityType { get; set; } = "";

    /// <summary>Message.</summary>
    public string Message { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The incident (JSON).</summary>
    public string Data { get; set; } = "";
}

/// <summary>An effect to carry out after its burst committed (transactional outbox).</summary>
public sealed class OutboxMessage
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>Instance that produced it.</summary>
    public string? WorkflowInstanceId { get; set; }

    /// <summary>Effect kind.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The effect (JSON).</summary>
    public string Payload { get; set; } = "";

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Delivery attempts so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Earliest next attempt.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Last error.</summary>
    public string? LastError { get; set; }

    /// <summary>Given up: shown to admins, retried only by hand.</summary>
    public bool IsDeadLetter { get; set; }

    /// <summary>
    /// When a dispatcher claimed the message (committed before the side effect starts); null while pending.
    /// A claim left by a crash means the effect may or may not have happened.
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>The node (<see cref="ClusterNode.Id"/>) that claimed it: its claims are recovered once that node is gone.</summary>
    public string? ClaimedBy { get; set; }
}

/// <summary>A stimulus that matched no bookmark yet (signal before the bookmark was committed); retried until it expires.</summary>
public sealed class BookmarkQueueItem
{
    /// <summary>Id.</summary>
    public long Id { get; set; }

    /// <summary>Stimulus hash.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Instance filter.</summary>
    public string? WorkflowInstanceId { get; set; }

    /// <summary>Correlation filter.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Input (JSON).</summary>
    public string? Input { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

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

/// <summary>
/// A running service process sharing the database. Each node writes its heartbeat; a node whose heartbeat is older than
/// the node timeout is gone, and the outbox messages it had claimed are recovered by the others.
/// </summary>
public sealed class ClusterNode
{
    /// <summary>Node id, new for every process start.</summary>
    public string Id { get; set; } = "";

    /// <summary>Host name of the machine, for operators.</summary>
    public string MachineName { get; set; } = "";

    /// <summary>When the process started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The last heartbeat.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>An ASP.NET Core Data Protection key (XML), shared by every node through the database.</summary>
public sealed class DataProtectionKeyRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The key's friendly name (<c>key-&lt;guid&gt;</c>).</summary>
    public string FriendlyName { get; set; } = "";

    /// <summary>The key element as XML (encrypted at rest when a certificate is configured).</summary>
    public string Xml { get; set; } = "";
}
