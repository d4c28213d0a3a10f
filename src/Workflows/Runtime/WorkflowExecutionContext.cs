using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>One burst of one workflow instance: the scheduler queue, the live contexts, bookmarks and what to commit.</summary>
public sealed partial class WorkflowExecutionContext
{
    private readonly LinkedList<WorkItem> _queue = new();
    private readonly Dictionary<string, Dictionary<string, object?>> _outputRegister = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityExecutionRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityExecutionContext> _contextsById = new(StringComparer.Ordinal);
    private readonly HashSet<string> _initialBookmarkIds;
    private int _initialIncidentCount;
    private readonly string? _initialCorrelationId;

    private WorkflowExecutionContext(WorkflowGraph graph, WorkflowExecutionServices services, WorkflowState state)
    {
        Graph = graph;
        Services = services;
        State = state;
        Bookmarks = [.. state.Bookmarks];
        _initialBookmarkIds = state.Bookmarks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        _initialIncidentCount = state.Incidents.Count;
        _initialCorrelationId = state.CorrelationId;
        Input = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in state.Input) Input[k] = DynamicJson.FromNode(v);
        Output = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in state.Output) Output[k] = DynamicJson.FromNode(v);
    }

    /// <summary>The executable graph.</summary>
    public WorkflowGraph Graph { get; }

    /// <summary>The definition version.</summary>
    public WorkflowDefinition Definition => Graph.Definition;

    /// <summary>Services.</summary>
    public WorkflowExecutionServices Services { get; }

    /// <summary>The persisted state this burst started from (updated by <see cref="CaptureState"/>).</summary>
    public WorkflowState State { get; }

    /// <summary>Instance id.</summary>
    public string InstanceId => State.Id;

    /// <summary>Correlation id.</summary>
    public string? CorrelationId { get => State.CorrelationId; set => State.CorrelationId = value; }

    /// <summary>Instance name.</summary>
    public string? Name { get => State.Name; set => State.Name = value; }

    /// <summary>Status.</summary>
    public WorkflowStatus Status { get => State.Status; internal set => State.Status = value; }

    /// <summary>Sub-status.</summary>
    public WorkflowSubStatus SubStatus { get => State.SubStatus; internal set => State.SubStatus = value; }

    /// <summary>Workflow input of this burst (persisted input merged with the request's input).</summary>
    public Dictionary<string, object?> Input { get; }

    /// <summary>Workflow output.</summary>
    public Dictionary<string, object?> Output { get; }

    /// <summary>Live and finished contexts of this burst.</summary>
    public List<ActivityExecutionContext> Contexts { get; } = [];

    /// <summary>Pending bookmarks.</summary>
    public List<Bookmark> Bookmarks { get; }

    /// <summary>Journal entries written in this burst.</summary>
    public List<ExecutionLogRecord> ExecutionLog { get; } = [];

    /// <summary>Effects to carry out after the commit.</summary>
    public List<WorkflowEffect> Effects { get; } = [];

    /// <summary>Activity execution records created or changed in this burst.</summary>
    public IEnumerable<ActivityExecutionRecord> ActivityRecords => _records.Values;

    /// <summary>The trigger activity of a run started by a trigger.</summary>
    public string? TriggerActivityId { get; internal set; }

    /// <summary>Set once the trigger activity has run in this burst.</summary>
    public bool TriggerConsumed { get; internal set; }

    /// <summary>Last value written to any activity's <c>Result</c> output in this burst.</summary>
    public object? LastResult { get; private set; }

    /// <summary>Current time.</summary>
    public DateTimeOffset Now => Services.Time.GetUtcNow();

    /// <summary>Bookmarks created in this burst and still pending.</summary>
    public IEnumerable<Bookmark> AddedBookmarks => BookmarksRewritten ? Bookmarks : Bookmarks.Where(b => !_initialBookmarkIds.Contains(b.Id));

    /// <summary>Ids of bookmarks that existed before the burst and are gone now.</summary>
    public IEnumerable<string> RemovedBookmarkIds => BookmarksRewritten ? [] : _initialBookmarkIds.Except(Bookmarks.Select(b => b.Id), StringComparer.Ordinal);

    internal bool HasQueuedWork => _queue.Count > 0;

    /// <summary>Incidents recorded in this burst.</summary>
    public IEnumerable<ActivityIncident> NewIncidents => State.Incidents.Skip(_initialIncidentCount);

    /// <summary>Whether the correlation id changed in this burst.</summary>
    public bool CorrelationIdChanged => !string.Equals(_initialCorrelationId, State.CorrelationId, StringComparison.Ordinal);

    /// <summary>Whether this context created the instance (not loaded from the store).</summary>
    public bool IsNew { get; private init; }

    /// <summary>Bookmarks resumed in this burst.</summary>
    public int ResumedBookmarkCount { get; private set; }

    /// <summary>Creates the context of a new instance.</summary>
    public static WorkflowExecutionContext CreateNew(WorkflowGraph graph, WorkflowExecutionServices services, string instanceId, IDictionary<string, object?>? input, string? correlationId, string? triggerActivityId = null, string? parentInstanceId = null, JsonObject? properties = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(services);
        var now = services.Time.GetUtcNow();
        var state = new WorkflowState
        {
            Id = instanceId,
            DefinitionId = graph.Definition.DefinitionId,
            DefinitionVersionId = graph.Definition.Id,
            DefinitionVersion = graph.Definition.Version,
            CorrelationId = correlationId,
            ParentWorkflowInstanceId = parentInstanceId,
            Status = WorkflowStatus.Running,
            SubStatus = WorkflowSubStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            Properties = properties ?? [],
        };
        var context = new WorkflowExecutionContext(graph, services, state) { TriggerActivityId = triggerActivityId, IsNew = true };
        if (input is not null)
        {
            foreach (var (k, v) in input) context.Input[k] = v;
        }

        context.Schedule(graph.WorkflowNode, null, null, null, null, null);
        return context;
    }

    /// <summary>
    /// A throw-away instance that runs one activity of the workflow on its own (the Studio's Test tab): the node is
    /// scheduled inside the workflow's own scope, so it sees the workflow's variables and inputs, and nothing else runs.
    /// </summary>
    public static WorkflowExecutionContext CreateForActivityTest(WorkflowGraph graph, WorkflowExecutionServices services, ActivityNode node)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(node);
        var now = services.Time.GetUtcNow();
        var state = new WorkflowState
        {
            Id = "test-" + services.NewId(), DefinitionId = graph.Definition.DefinitionId, DefinitionVersionId = graph.Definition.Id,
            DefinitionVersion = graph.Definition.Version, Status = WorkflowStatus.Running, SubStatus = WorkflowSubStatus.Pending, CreatedAt = now, UpdatedAt = now,
        };
        var context = new WorkflowExecutionContext(graph, services, state) { IsNew = true };
        var workflowActivity = services.Registry.Find(graph.WorkflowNode.Type, graph.WorkflowNode.Version)
            ?? throw new InvalidOperationException($"The workflow node has unknown type '{graph.WorkflowNode.Type}'.");
        var scope = new ActivityExecutionContext(context, services.NewId(), graph.WorkflowNode, workflowActivity, null) { StartedAt = now };
        context.DeclareNodeVariables(scope);
        context.AddContext(scope);
        context.Schedule(node, scope, null, null, null, null);
        return context;
    }

    /// <summary>Rebuilds a burst from persisted state; <paramref name="input"/> is merged over the persisted input.</summary>
    public static WorkflowExecutionContext FromState(WorkflowGraph graph, WorkflowExecutionServices services, WorkflowState state, IDictionary<string, object?>? input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(state);
        var context = new WorkflowExecutionContext(graph, services, state);
        if (input is not null)
        {
            foreach (var (k, v) in input) context.Input[k] = v;
        }

        if (state.Properties["DispatchInput"] is JsonObject dispatchInput && state.SubStatus == WorkflowSubStatus.Pending)
        {
            foreach (var (k, v) in dispatchInput) context.Input.TryAdd(k, DynamicJson.FromNode(v));
            state.Properties.Remove("DispatchInput");
        }

        var byId = new Dictionary<string, ActivityExecutionContext>(StringComparer.Ordinal);
        foreach (var s in state.ActivityExecutionContexts)
        {
            var node = graph.FindByNodeId(s.ScheduledActivityNodeId)
                ?? throw new InvalidOperationException($"Activity node '{s.ScheduledActivityNodeId}' of instance {state.Id} no longer exists in definition version {state.DefinitionVersionId}.");
            var activity = services.Registry.Find(node.Type, node.Version) ?? throw new InvalidOperationException($"Unknown activity type '{node.Type}'.");
            var parent = s.ParentContextId is null ? null : byId.GetValueOrDefault(s.ParentContextId);
            var ctx = new ActivityExecutionContext(context, s.Id, node, activity, parent)
            {
                Status = s.Status,
                Properties = s.Properties,
                ActivityInput = s.ActivityInput ?? [],
                ActivityState = s.ActivityState,
                StartedAt = s.StartedAt,
                CompletedAt = s.CompletedAt,
                FaultCount = s.FaultCount,
                Tag = s.Tag,
            };
            context.DeclareNodeVariables(ctx);
            RestoreVariables(ctx);
            byId[ctx.Id] = ctx;
            context.AddContext(ctx);
        }

        foreach (var w in state.ScheduledWork)
        {
            if (byId.TryGetValue(w.ContextId, out var ctx)) context._queue.AddLast(new WorkItem(ctx, w.Bookmark));
        }

        return context;
    }

    /// <summary>Queues the resumption of a bookmark; returns false when the bookmark's context is gone.</summary>
    public bool ScheduleResume(Bookmark bookmark)
    {
        ArgumentNullException.ThrowIfNull(bookmark);
        var ctx = _contextsById.GetValueOrDefault(bookmark.ActivityInstanceId);
        if (ctx is null || ctx.IsCompleted) return false;
        _queue.AddLast(new WorkItem(ctx, bookmark));
        ResumedBookmarkCount++;
        return true;
    }

    internal bool TryDequeue(out WorkItem item)
    {
        if (_queue.First is { } first)
        {
            _queue.RemoveFirst();
            item = first.Value;
            return true;
        }

        item = default;
        return false;
    }

    internal void ClearQueue() => _queue.Clear();

    private void AddContext(ActivityExecutionContext ctx)
    {
        Contexts.Add(ctx);
        _contextsById[ctx.Id] = ctx;
    }

    /// <summary>Queues the workflow root again (an instance created for dispatch whose root never ran).</summary>
    internal void ScheduleRoot()
    {
        if (Contexts.Count == 0) Schedule(Graph.WorkflowNode, null, null, null, null, null);
    }

    /// <summary>Input a dispatched instance must see when it finally runs (kept in its state until then).</summary>
    internal IDictionary<string, object?>? DispatchInput
    {
        set
        {
            if (value is null) return;
            var node = new JsonObject();
            foreach (var (k, v) in value) node[k] = DynamicJson.ToNode(v);
            State.Properties["DispatchInput"] = node;
        }
    }

    internal ActivityExecutionContext Schedule(ActivityNode node, ActivityExecutionContext? owner, JsonObject? input, IEnumerable<VariableSlot>? variables, string? tag, ActivityExecutionContext? schedulingContext)
    {
        var activity = Services.Registry.Find(node.Type, node.Version)
            ?? throw new InvalidOperationException($"Activity '{node.Id}' has unknown type '{node.Type}' version {node.Version}.");
        var ctx = new ActivityExecutionContext(this, Services.NewId(), node, activity, owner)
        {
            ActivityInput = input ?? [],
            Tag = tag,
            SchedulingContextId = schedulingContext?.Id,
            StartedAt = Now,
        };
        DeclareNodeVariables(ctx);
        foreach (var v in variables ?? []) ctx.Variables[v.Id] = v;
        AddContext(ctx);
        _queue.AddLast(new WorkItem(ctx, null));
        return ctx;
    }

    internal void Unschedule(ActivityExecutionContext context)
    {
        for (var n = _queue.First; n is not null;)
        {
            var next = n.Next;
            if (n.Value.Context == context) _queue.Remove(n);
            n = next;
        }
    }

    /// <summary>Whether queued work is owned by this context or a descendant.</summary>
    internal bool HasQueuedWorkUnder(ActivityExecutionContext owner)
    {
        foreach (var item in _queue)
        {
            for (var c = item.Context.Parent; c is not null; c = c.Parent)
            {
                if (c == owner) return true;
            }
        }

        return false;
    }

    /// <summary>Whether the node is queued under the given owner.</summary>
    public bool IsQueued(ActivityNode node, ActivityExecutionContext owner) => _queue.Any(i => i.Context.Node == node && i.Context.Parent == owner && i.Bookmark is null);

    private void DeclareNodeVariables(ActivityExecutionContext ctx)
    {
        if (ctx.Node == Graph.WorkflowNode)
        {
            ctx.DeclareVariables(Definition.Variables);
            return;
        }

        if (ctx.Node.CompositeDefinition is { } composite) ctx.DeclareVariables(composite.Variables);
        if (ctx.Activity.Descriptor.IsContainer && ctx.Node.Get("variables") is JsonArray list)
        {
            var declared = list.Deserialize<List<VariableDefinition>>(WorkflowJson.Options) ?? [];
            ctx.DeclareVariables(declared);
        }
    }

    private static void RestoreVariables(ActivityExecutionContext ctx)
    {
        if (ctx.Properties["Variables"] is JsonObject persisted)
        {
            foreach (var (id, value) in persisted)
            {
                if (ctx.Variables.TryGetValue(id, out var slot)) slot.Set(DynamicJson.FromNode(value));
            }
        }

        if (ctx.Properties["DynamicVariables"] is JsonObject dynamics)
        {
            foreach (var (id, entry) in dynamics)
            {
                if (entry is not JsonObject o) continue;
                var slot = new VariableSlot(id, o["name"]?.GetValue<string>() ?? id, null, null, isDynamic: true);
                slot.Set(DynamicJson.FromNode(o["value"]));
                ctx.Variables[id] = slot;
            }
        }
    }

    internal void DeclareOutputBlock(ActivityExecutionContext ctx, string variableId, object? value)
    {
        var slot = new VariableSlot(variableId, variableId, null, null, isDynamic: true);
        slot.Set(value);
        ctx.Variables[variableId] = slot;
    }

    internal void RecordOutput(ActivityNode node, string outputName, object? value)
    {
        foreach (var key in new[] { node.Id, node.Name }.OfType<string>().Distinct())
        {
            if (!_outputRegister.TryGetValue(key, out var outputs)) _outputRegister[key] = outputs = new(StringComparer.OrdinalIgnoreCase);
            outputs[outputName] = value;
        }

        if (string.Equals(outputName, "Result", StringComparison.OrdinalIgnoreCase)) LastResult = value;
    }

    /// <summary>Output of an activity executed earlier in this burst.</summary>
    public object? GetOutputFrom(string activityIdOrName, string? outputName = null) =>
        _outputRegister.TryGetValue(activityIdOrName, out var outputs) ? outputs.GetValueOrDefault(outputName ?? "Result") : null;

    internal void AddBookmark(Bookmark bookmark) => Bookmarks.Add(bookmark);

    internal void RemoveBookmarks(ActivityExecutionContext ctx) => Bookmarks.RemoveAll(b => b.ActivityInstanceId == ctx.Id);

    internal void RemoveBookmark(Bookmark bookmark) => Bookmarks.RemoveAll(b => b.Id == bookmark.Id);

    /// <summary>Removes every bookmark and queued item (Elsa.Finish).</summary>
    internal void ClearAll()
    {
        Bookmarks.Clear();
        _queue.Clear();
    }
}
