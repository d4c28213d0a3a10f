using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>
/// An activity type. Instances are stateless singletons: everything an execution needs lives in its
/// <see cref="ActivityExecutionContext"/>.
/// </summary>
public abstract class Activity
{
    private ActivityDescriptor? _descriptor;

    /// <summary>Full type name written to <c>type</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>Type version.</summary>
    public virtual int Version => 1;

    /// <summary>The descriptor served to Studio.</summary>
    public ActivityDescriptor Descriptor => _descriptor ??= Describe();

    /// <summary>Embedded ports holding child activities.</summary>
    public virtual IReadOnlyList<EmbeddedPort> EmbeddedPorts => [];

    /// <summary>Whether completing this activity completes its flowchart or sequence at once.</summary>
    public bool IsTerminal => Descriptor.IsTerminal;

    /// <summary>Builds the descriptor.</summary>
    protected abstract ActivityDescriptor Describe();

    /// <summary>Runs the activity. Must complete the context, create a bookmark or schedule children.</summary>
    public abstract ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>A scheduled child completed. Default: complete this activity.</summary>
    public virtual ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityExecutionContext child) => context.CompleteAsync();

    /// <summary>A child was cancelled while this activity keeps running. Default: nothing.</summary>
    public virtual ValueTask OnChildCanceledAsync(ActivityExecutionContext context, ActivityExecutionContext child) => ValueTask.CompletedTask;

    /// <summary>A bookmark of this activity was resumed. Default: complete when the bookmark auto-completes.</summary>
    public virtual ValueTask OnResumeAsync(ActivityExecutionContext context, Bookmark bookmark) =>
        bookmark.AutoComplete ? context.CompleteAsync() : ValueTask.CompletedTask;

    /// <summary>Trigger payloads when the node is published with <c>canStartWorkflow</c>.</summary>
    public virtual IEnumerable<TriggerPayload> GetTriggerPayloads(TriggerIndexingContext context) => [];

    /// <summary>
    /// Names of the bookmarks this activity creates that are timers: their payload carries the due time as
    /// <c>ExecuteAt</c> or <c>ResumeAt</c> (ISO-8601), and the timer back-ends resume them by id when it comes.
    /// </summary>
    public virtual IEnumerable<string> TimerBookmarkNames => [];

    /// <summary>Extra semantic checks beyond input types (e.g. a cron expression parses).</summary>
    public virtual void Validate(ActivityNode node, Management.ValidationContext context) { }
}
