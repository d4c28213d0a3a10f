using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// A side effect requested by an activity. Effects are written to the outbox in the same commit as the burst
/// and carried out afterwards, so a crash never loses one and a rolled-back burst never performs one. The engine's own
/// kinds are listed here; a module registers its kinds with
/// <see cref="WorkflowsServiceCollectionExtensions.AddWorkflowEffect{TEffect}"/> and handles them with an
/// <see cref="IWorkflowEffectHandler"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(DispatchWorkflowEffect), "dispatch-workflow")]
[JsonDerivedType(typeof(PublishEventEffect), "publish-event")]
[JsonDerivedType(typeof(RunTaskEffect), "run-task")]
[JsonDerivedType(typeof(SendEmailEffect), "send-email")]
[JsonDerivedType(typeof(WriteLineEffect), "write-line")]
[JsonDerivedType(typeof(NotifyParentEffect), "notify-parent")]
public abstract record WorkflowEffect;

/// <summary>Start a new instance of a published definition.</summary>
public sealed record DispatchWorkflowEffect(string DefinitionId, string InstanceId, JsonObject? Input, string? CorrelationId, string? ParentInstanceId, bool WaitForCompletion) : WorkflowEffect;

/// <summary>Publish an event (resume waiting instances, start triggered ones).</summary>
public sealed record PublishEventEffect(string EventName, string? CorrelationId, string? WorkflowInstanceId, JsonNode? Payload) : WorkflowEffect;

/// <summary>A task was requested from an external handler (Elsa's RunTaskRequest).</summary>
public sealed record RunTaskEffect(string WorkflowInstanceId, string TaskId, string TaskName, JsonNode? Payload) : WorkflowEffect;

/// <summary>Send an e-mail.</summary>
public sealed record SendEmailEffect(string MessageId, string WorkflowInstanceId, string? From, IReadOnlyList<string> To, IReadOnlyList<string> Cc, IReadOnlyList<string> Bcc, string Subject, string Body) : WorkflowEffect
{
    /// <summary>Attachments (e.g. an .ics invitation).</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>An e-mail attachment carried in the outbox.</summary>
/// <param name="FileName">File name.</param>
/// <param name="ContentType">MIME type, e.g. <c>text/calendar; method=REQUEST; charset=utf-8</c>.</param>
/// <param name="Content">Text content, or base64 when <paramref name="IsBase64"/>.</param>
/// <param name="IsBase64">Whether <paramref name="Content"/> is base64.</param>
public sealed record EmailAttachment(string FileName, string ContentType, string Content, bool IsBase64 = false);

/// <summary>Write a line to the console log.</summary>
public sealed record WriteLineEffect(string WorkflowInstanceId, string Text) : WorkflowEffect;

/// <summary>A child instance finished; resume the parent's wait bookmark with the child's output.</summary>
public sealed record NotifyParentEffect(string ParentInstanceId, string ChildInstanceId, string Status, string SubStatus, JsonObject Output) : WorkflowEffect;
