using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>One execution of one activity node inside a burst: its inputs, variables, private state and status.</summary>
public sealed partial class ActivityExecutionContext
{
    private readonly Dictionary<string, object?> _inputs = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ActivityExecutionContext> _children = [];
    private bool _completing;

    internal ActivityExecutionContext(WorkflowExecutionContext workflow, string id, ActivityNode node, Activity activity, ActivityExecutionContext? parent)
    {
        Workflow = workflow;
        Id = id;
        Node = node;
        Activity = activity;
        Parent = parent;
        parent?._children.Add(this);
    }

    /// <summary>The burst.</summary>
    public WorkflowExecutionContext Workflow { get; }

    /// <summary>Context id (activity instance id).</summary>
    public string Id { get; }

    /// <summary>The node being executed.</summary>
    public ActivityNode Node { get; }

    /// <summary>The activity type.</summary>
    public Activity Activity { get; }

    /// <summary>The owner context.</summary>
    public ActivityExecutionContext? Parent { get; }

    /// <summary>Status.</summary>
    public ActivityStatus Status { get; internal set; } = ActivityStatus.Pending;

    /// <summary>Completed or cancelled.</summary>
    public bool IsCompleted => Status is ActivityStatus.Completed or ActivityStatus.Canceled;

    /// <summary>Private persisted state of the activity.</summary>
    public JsonObject Properties { get; internal set; } = [];

    /// <summary>Input given when the context was scheduled (e.g. BackwardConnection).</summary>
    public JsonObject ActivityInput { get; internal set; } = [];

    /// <summary>Evaluated inputs of the last invocation (journaled).</summary>
    public JsonObject? ActivityState { get; internal set; }

    /// <summary>Variables declared in this context, by id.</summary>
    public Dictionary<string, VariableSlot> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Per-burst scratch data that is never persisted (e.g. a flowchart's graph).</summary>
    public Dictionary<string, object> Transient { get; } = new(StringComparer.Ordinal);

    /// <summary>Journal data of this execution (Outcomes, ExecuteAt…).</summary>
    public JsonObject JournalData { get; } = [];

    /// <summary>Started.</summary>
    public DateTimeOffset StartedAt { get; internal set; }

    /// <summary>Completed.</summary>
    public DateTimeOffset? CompletedAt { get; internal set; }

    /// <summary>Aggregate fault count.</summary>
    public int FaultCount { get; internal set; }

    /// <summary>Tag set by the scheduler (e.g. a ForEach index).</summary>
    public string? Tag { get; internal set; }

    /// <summary>Outcomes this context completed with.</summary>
    public IReadOnlyList<string> Outcomes { get; private set; } = [];

    /// <summary>Id of the context whose completion scheduled this one.</summary>
    public string? SchedulingContextId { get; internal set; }

    /// <summary>Bookmark being resumed in the current invocation.</summary>
    public Bookmark? ResumedBookmark { get; internal set; }

    /// <summary>Whether this node is the trigger that started the current run.</summary>
    public bool IsTriggerOfWorkflow => Workflow.TriggerActivityId == Node.Id && Workflow.TriggerConsumed == false;

    /// <summary>Child contexts that have not completed or been cancelled (faulted ones stay).</summary>
    public IReadOnlyList<ActivityExecutionContext> Children => _children;

    /// <summary>Drops a finished child from <see cref="Children"/> (keeps loops linear in long bursts).</summary>
    internal void ForgetChild(ActivityExecutionContext child) => _children.Remove(child);

    /// <summary>Ancestors, nearest first.</summary>
    public IEnumerable<ActivityExecutionContext> Ancestors
    {
        get
        {
            for (var p = Parent; p is not null; p = p.Parent) yield return p;
        }
    }

    /// <summary>The value of an evaluated input (by PascalCase or camelCase name), converted.</summary>
    public T? Get<T>(string inputName) => ValueConverter.Convert<T>(Get(inputName));

    /// <summary>The value of an evaluated input, or its descriptor default.</summary>
    public object? Get(string inputName) => _inputs.GetValueOrDefault(inputName);

    /// <summary>Whether the input has a value.</summary>
    public bool HasInput(string inputName) => _inputs.TryGetValue(inputName, out var v) && v is not null;

    /// <summary>Evaluates every auto-evaluated input of the activity (called before each invocation).</summary>
    internal async ValueTask EvaluateInputsAsync(CancellationToken cancellationToken)
    {
        _inputs.Clear();
        var state = new JsonObject();
        var log = LogPersistence.Of(this);
        foreach (var input in Activity.Descriptor.Inputs)
        {
            if (!input.AutoEvaluate) continue;
            var value = await EvaluateInputAsync(input.Name, cancellationToken);
            _inputs[input.Name] = value;
            if (!input.IsSensitive && log.KeepsInput(input.Name)) state[ActivityJson.Camel(input.Name)] = SafeNode(value);
        }

        ActivityState = state;
    }

    /// <summary>Evaluates one input on demand (for inputs that are not auto-evaluated).</summary>
    public async ValueTask<object?> EvaluateInputAsync(string inputName, CancellationToken cancellationToken = default)
    {
        var descriptor = Activity.Descriptor.Inputs.FirstOrDefault(i => string.Equals(i.Name, inputName, StringComparison.OrdinalIgnoreCase));
        var type = TypeAliases.Resolve(descriptor?.TypeName) ?? typeof(object);
        var raw = Node.Get(inputName);
        object? value;
        if (descriptor is { IsWrapped: false })
        {
            value = raw is null ? null : ValueConverter.Convert(DynamicJson.FromNode(raw), type);
        }
        else
        {
            var expression = InputExpression.FromInput(raw);
            value = expression is null ? null : await Workflow.Services.Expressions.EvaluateAsync(expression, type, this, cancellationToken);
        }

        if (value is null && descriptor?.DefaultValue is { } defaultValue) value = ValueConverter.Convert(DynamicJson.FromNode(defaultValue), type);
        return value;
    }

    /// <summary>Evaluates an expression in this context.</summary>
    public ValueTask<object?> EvaluateAsync(InputExpression expression, Type targetType, CancellationToken cancellationToken = default) =>
        Workflow.Services.Expressions.EvaluateAsync(expression, targetType, this, cancellationToken);

    /// <summary>Sets an output: writes the bound variable (if any) and the transient output register.</summary>
    public void SetOutput(string outputName, object? value)
    {
        Workflow.RecordOutput(Node, outputName, value);
        if (Node.Get(outputName) is JsonObject binding && ActivityJson.Get(binding, "memoryReference") is JsonObject reference &&
            ActivityJson.GetString(reference, "id") is { Length: > 0 } variableId)
        {
            if (FindVariableById(variableId) is { } slot) slot.Set(value);
            else Workflow.DeclareOutputBlock(this, variableId, value);
        }
    }

    /// <summary>Finds a variable by id in this scope chain.</summary>
    public VariableSlot? FindVariableById(string id)
    {
        for (var c = this; c is not null; c = c.Parent)
        {
            if (c.Variables.TryGetValue(id, out var slot)) return slot;
        }

        return null;
    }

    /// <summary>Finds a variable by name in this scope chain (exact case first).</summary>
    public VariableSlot? FindVariableByName(string name)
    {
        for (var c = this; c is not null; c = c.Parent)
        {
            foreach (var slot in c.Variables.Values)
            {
                if (slot.Name == name) return slot;
            }
        }

        for (var c = this; c is not null; c = c.Parent)
        {
            foreach (var slot in c.Variables.Values)
            {
                if (string.Equals(slot.Name, name, StringComparison.OrdinalIgnoreCase)) return slot;
            }
        }

        return null;
    }

    /// <summary>A workflow input: inside a workflow-as-activity the composite's input variables come first.</summary>
    public object? GetWorkflowInput(string name)
    {
        foreach (var ancestor in Ancestors)
        {
            if (ancestor.Activity is not Activities.Composition.WorkflowDefinitionActivity) continue;
            foreach (var slot in ancestor.Variables.Values)
            {
                if (string.Equals(slot.Name, name, StringComparison.OrdinalIgnoreCase)) return slot.Value;
            }

            return null;
        }

        return Workflow.Input.GetValueOrDefault(name);
    }

    /// <summary>All variables visible from here, nearest scope winning, by name.</summary>
    public Dictionary<string, VariableSlot> VisibleVariables()
    {
        var result = new Dictionary<string, VariableSlot>(StringComparer.Ordinal);
        for (var c = this; c is not null; c = c.Parent)
        {
            foreach (var slot in c.Variables.Values) result.TryAdd(slot.Name, slot);
        }

        return result;
    }

    /// <summary>Sets a variable by name; an undeclared name creates a dynamic variable in this context.</summary>
    public void SetVariable(string name, object? value)
    {
        if (FindVariableByName(name) is { } slot)
        {
            slot.Set(value);
            return;
        }

        var dynamic = new VariableSlot(Workflow.Services.NewId(), name, null, null, isDynamic: true);
        dynamic.Set(value);
        Variables[dynamic.Id] = dynamic;
    }

    /// <summary>Declares variables of a definition list in this context.</summary>
    public void DeclareVariables(IEnumerable<VariableDefinition> variables)
    {
        foreach (var v in variables) Variables[v.Id] = VariableSlot.FromDefinition(v);
    }

    /// <summary>Completes with the single outcome <c>Done</c>.</summary>
    public ValueTask CompleteAsync() => CompleteAsync(["Done"]);

    /// <summary>Completes with outcomes; cancels running children, removes bookmarks and notifies the parent.</summary>
    public async ValueTask CompleteAsync(IReadOnlyList<string> outcomes)
    {
        if (Status != ActivityStatus.Running || _completing) return;
        _completing = true;
        foreach (var child in Children.Where(c => !c.IsCompleted && c.Status != ActivityStatus.Faulted).ToList()) await child.CancelAsync();
        Status = ActivityStatus.Completed;
        CompletedAt = Workflow.Now;
        Outcomes = outcomes;
        JournalData["Outcomes"] = new JsonArray(outcomes.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray());
        Workflow.RemoveBookmarks(this);
        Workflow.Journal(this, "Completed", payload: new JsonObject { ["Outcomes"] = JournalData["Outcomes"]!.DeepClone() });
        Workflow.OnContextFinished(this);
        if (Parent is { Status: ActivityStatus.Running } parent) await parent.Activity.OnChildCompletedAsync(parent, this);
    }

    /// <summary>Cancels this context and its children; removes their bookmarks and tells the parent.</summary>
    public async ValueTask CancelAsync()
    {
        if (IsCompleted || Status == ActivityStatus.Faulted) return;
        _completing = true;
        foreach (var child in Children.Where(c => !c.IsCompleted).ToList()) await child.CancelAsync();
        Status = ActivityStatus.Canceled;
        CompletedAt = Workflow.Now;
        Workflow.RemoveBookmarks(this);
        Workflow.Unschedule(this);
        Workflow.Journal(this, "Canceled");
        Workflow.OnContextFinished(this);
        if (Parent is { Status: ActivityStatus.Running, _completing: false } parent) await parent.Activity.OnChildCanceledAsync(parent, this);
    }

    /// <summary>Removes every bookmark of this activity (an activity that re-arms its waits, e.g. after a deadline moved).</summary>
    public void ClearBookmarks() => Workflow.RemoveBookmarks(this);

    /// <summary>Creates a bookmark for this activity; the activity stays running.</summary>
    public Bookmark CreateBookmark(string? name = null, JsonObject? payload = null, string? callback = null, bool autoBurn = true, bool autoComplete = true, JsonObject? metadata = null)
    {
        var stimulus = name ?? Activity.TypeName;
        var bookmark = new Bookmark
        {
            Id = Workflow.Services.NewId(),
            Name = stimulus,
            Hash = StimulusHasher.Hash(stimulus, payload),
            Payload = payload,
            ActivityId = Node.Id,
            ActivityNodeId = Node.NodeId,
            ActivityInstanceId = Id,
            CreatedAt = Workflow.Now,
            AutoBurn = autoBurn,
            CallbackMethodName = callback,
            AutoComplete = autoComplete,
            Metadata = metadata,
        };
        Workflow.AddBookmark(bookmark);
        return bookmark;
    }

    /// <summary>Schedules a child node owned by this context.</summary>
    public ActivityExecutionContext ScheduleChild(ActivityNode child, JsonObject? input = null, IEnumerable<VariableSlot>? variables = null, string? tag = null, ActivityExecutionContext? schedulingContext = null) =>
        Workflow.Schedule(child, this, input, variables, tag, schedulingContext);

    /// <summary>Whether work owned by this context or its descendants is queued or running.</summary>
    public bool HasPendingWork(Func<ActivityExecutionContext, bool>? childFilter = null) =>
        Children.Any(c => c.Status == ActivityStatus.Running && (childFilter?.Invoke(c) ?? true)) || Workflow.HasQueuedWorkUnder(this);

    /// <summary>Reads a typed private property.</summary>
    public T? GetProperty<T>(string key) where T : class =>
        Properties[key] is { } node ? node.Deserialize<T>(WorkflowJson.Options) : null;

    /// <summary>Writes a typed private property.</summary>
    public void SetProperty<T>(string key, T value) => Properties[key] = System.Text.Json.JsonSerializer.SerializeToNode(value, WorkflowJson.Options);

    private static JsonNode? SafeNode(object? value)
    {
        try
        {
            return DynamicJson.ToNode(value);
        }
        catch (NotSupportedException)
        {
            return JsonValue.Create(value?.ToString());
        }
    }
}
