using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Alterations;

/// <summary>One line of an alteration's log.</summary>
public sealed record AlterationLogEntry(string Message, string LogLevel, DateTimeOffset Timestamp, string? EventName = null);

/// <summary>What altering one instance came to (Elsa's RunAlterationsResult).</summary>
public sealed class AlterationResult(string workflowInstanceId)
{
    /// <summary>The instance.</summary>
    public string WorkflowInstanceId { get; } = workflowInstanceId;

    /// <summary>What happened, in order.</summary>
    public List<AlterationLogEntry> Log { get; } = [];

    /// <summary>Whether every alteration applied (and the instance was committed).</summary>
    public bool IsSuccessful { get; set; }

    /// <summary>Whether the instance had work to run after the alterations (it ran at once).</summary>
    public bool WorkflowHasScheduledWork { get; set; }

    /// <summary>The migration, when the alterations held one.</summary>
    public MigrationReport? Migration { get; set; }

    internal void Info(DateTimeOffset now, string message, string? eventName = null) => Log.Add(new AlterationLogEntry(message, "Information", now, eventName));

    internal AlterationResult Fail(DateTimeOffset now, string message)
    {
        Log.Add(new AlterationLogEntry(message, "Error", now, "Failed"));
        IsSuccessful = false;
        return this;
    }

    /// <summary>The log as JSON (stored with a plan's job).</summary>
    public JsonArray LogJson() => new([.. Log.Select(e => (JsonNode)new JsonObject
    {
        ["message"] = e.Message, ["logLevel"] = e.LogLevel, ["timestamp"] = e.Timestamp, ["eventName"] = e.EventName,
    })]);
}
