using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A point where a workflow waits for a stimulus (event, task result, timer…).</summary>
public sealed class Bookmark
{
    /// <summary>Bookmark id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Stimulus name, normally the activity type (<c>Elsa.Event</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Stimulus hash (name + payload).</summary>
    public string Hash { get; set; } = "";

    /// <summary>Hashed payload, e.g. <c>{"EventName":"PlanApproved"}</c>.</summary>
    public JsonObject? Payload { get; set; }

    /// <summary>Activity id.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>Activity node id.</summary>
    public string ActivityNodeId { get; set; } = "";

    /// <summary>Activity execution context id.</summary>
    public string ActivityInstanceId { get; set; } = "";

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Remove the bookmark when it is resumed.</summary>
    public bool AutoBurn { get; set; } = true;

    /// <summary>Callback name; null means auto-complete behaviour.</summary>
    public string? CallbackMethodName { get; set; }

    /// <summary>Complete the activity on resume when no callback is set.</summary>
    public bool AutoComplete { get; set; } = true;

    /// <summary>Extra data.</summary>
    public JsonObject? Metadata { get; set; }
}
