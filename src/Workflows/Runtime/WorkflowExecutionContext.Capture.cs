using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Runtime;

// The burst's state written back for persistence.
public sealed partial class WorkflowExecutionContext
{
    /// <summary>Writes the burst's state back into <see cref="State"/> for persistence.</summary>
    public WorkflowState CaptureState()
    {
        State.UpdatedAt = Now;
        State.Bookmarks = [.. Bookmarks];
        // A faulted instance keeps its unfinished contexts (the faulted one among them), so an operator can retry it.
        var live = Status == WorkflowStatus.Finished && SubStatus != WorkflowSubStatus.Faulted ? Contexts.Where(c => c.Parent is null) : Contexts.Where(c => !c.IsCompleted);
        State.ActivityExecutionContexts = live.Select(CaptureContext).ToList();
        State.ScheduledWork = _queue.Select(i => new ScheduledWorkState { ContextId = i.Context.Id, Bookmark = i.Bookmark }).ToList();
        var persistedInputNames = Definition.Inputs
            .Where(i => i.StorageDriverType is { } d && d.Contains("Workflow", StringComparison.Ordinal))
            .Select(i => i.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        State.Input = new JsonObject();
        foreach (var (k, v) in Input)
        {
            if (persistedInputNames.Contains(k)) State.Input[k] = DynamicJson.ToNode(v);
        }

        State.Output = new JsonObject();
        foreach (var (k, v) in Output) State.Output[k] = DynamicJson.ToNode(v);
        return State;
    }

    private static ActivityContextState CaptureContext(ActivityExecutionContext ctx)
    {
        var persisted = new JsonObject();
        var dynamics = new JsonObject();
        foreach (var slot in ctx.Variables.Values)
        {
            if (slot.IsDynamic) dynamics[slot.Id] = new JsonObject { ["name"] = slot.Name, ["value"] = DynamicJson.ToNode(slot.Value) };
            else if (slot.IsPersistent && slot.Value is not null) persisted[slot.Id] = DynamicJson.ToNode(slot.Value);
        }

        ctx.Properties.Remove("Variables");
        ctx.Properties.Remove("DynamicVariables");
        if (persisted.Count > 0) ctx.Properties["Variables"] = persisted;
        if (dynamics.Count > 0) ctx.Properties["DynamicVariables"] = dynamics;
        return new ActivityContextState
        {
            Id = ctx.Id,
            ParentContextId = ctx.Parent?.Id,
            ScheduledActivityNodeId = ctx.Node.NodeId,
            OwnerActivityNodeId = ctx.Parent?.Node.NodeId,
            Properties = ctx.Properties,
            ActivityState = ctx.ActivityState,
            ActivityInput = ctx.ActivityInput.Count > 0 ? ctx.ActivityInput : null,
            Status = ctx.Status,
            FaultCount = ctx.FaultCount,
            StartedAt = ctx.StartedAt,
            CompletedAt = ctx.CompletedAt,
            Tag = ctx.Tag,
        };
    }
}
