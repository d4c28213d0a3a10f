using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Alterations;

/// <summary>
/// A change an operator makes to a running (or faulted) instance, as Elsa's alterations: JSON objects with a
/// <c>type</c> of <c>ModifyVariable</c>, <c>ScheduleActivity</c>, <c>CancelActivity</c> or <c>Migrate</c>.
/// </summary>
public abstract record Alteration
{
    /// <summary>The type discriminator.</summary>
    public abstract string Type { get; }

    /// <summary>The alteration as JSON (for the plan store and the journal).</summary>
    public abstract JsonObject ToJson();

    /// <summary>Reads a list of alterations; a malformed one throws <see cref="AlterationFormatException"/> naming its JSON path.</summary>
    public static IReadOnlyList<Alteration> ReadAll(JsonNode? node, string path)
    {
        if (node is not JsonArray array || array.Count == 0) throw new AlterationFormatException(path, "Give at least one alteration.");
        if (array.Count > 100) throw new AlterationFormatException(path, "Give at most 100 alterations.");
        return array.Select((item, i) => Read(item, $"{path}[{i}]")).ToList();
    }

    /// <summary>Reads one alteration.</summary>
    public static Alteration Read(JsonNode? node, string path)
    {
        if (node is not JsonObject o) throw new AlterationFormatException(path, "An alteration must be a JSON object.");
        var type = Text(o, "type", path) ?? throw new AlterationFormatException(path + ".type", "Name the alteration type: ModifyVariable, ScheduleActivity, CancelActivity or Migrate.");
        return type switch
        {
            "ModifyVariable" => new ModifyVariable(
                Text(o, "variableId", path) ?? throw new AlterationFormatException(path + ".variableId", "Name the variable by its id."),
                ActivityJson.Get(o, "value")?.DeepClone()),
            "ScheduleActivity" => new ScheduleActivity(Text(o, "activityId", path), Text(o, "activityInstanceId", path)) is { ActivityId: null, ActivityInstanceId: null }
                ? throw new AlterationFormatException(path, "Name the activity: activityId or activityInstanceId.")
                : new ScheduleActivity(Text(o, "activityId", path), Text(o, "activityInstanceId", path)),
            "CancelActivity" => new CancelActivity(Text(o, "activityId", path), Text(o, "activityInstanceId", path)) is { ActivityId: null, ActivityInstanceId: null }
                ? throw new AlterationFormatException(path, "Name the activity: activityId or activityInstanceId.")
                : new CancelActivity(Text(o, "activityId", path), Text(o, "activityInstanceId", path)),
            "Migrate" => new Migrate(TargetVersion(o, path), Mappings(o, path)),
            _ => throw new AlterationFormatException(path + ".type", $"Unknown alteration type '{type}': ModifyVariable, ScheduleActivity, CancelActivity or Migrate."),
        };
    }

    private static string? Text(JsonObject o, string name, string path)
    {
        var value = ActivityJson.Get(o, name);
        if (value is null || value.GetValueKind() == JsonValueKind.Null) return null;
        if (value is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s)) return s.Length <= 200 ? s : throw new AlterationFormatException($"{path}.{name}", "At most 200 characters.");
        throw new AlterationFormatException($"{path}.{name}", $"'{name}' must be a non-empty string.");
    }

    private static int TargetVersion(JsonObject o, string path) =>
        ActivityJson.Get(o, "targetVersion") is JsonValue v && v.TryGetValue<int>(out var version) && version > 0
            ? version
            : throw new AlterationFormatException(path + ".targetVersion", "Give the target version as a positive whole number.");

    private static Dictionary<string, string> Mappings(JsonObject o, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (ActivityJson.Get(o, "activityMappings"))
        {
            case null:
                return result;
            case JsonObject map:
                foreach (var (from, to) in map)
                {
                    if (to is JsonValue v && v.TryGetValue<string>(out var target) && target.Length > 0) result[from] = target;
                    else throw new AlterationFormatException($"{path}.activityMappings.{from}", "Map an activity id to the id of an activity in the target version.");
                }

                return result;
            default:
                throw new AlterationFormatException(path + ".activityMappings", "activityMappings must be an object: { \"old activity id\": \"new activity id\" }.");
        }
    }
}

/// <summary>Sets a variable (by id) to a value, converted to the variable's type.</summary>
public sealed record ModifyVariable(string VariableId, JsonNode? Value) : Alteration
{
    /// <inheritdoc />
    public override string Type => nameof(ModifyVariable);

    /// <inheritdoc />
    public override JsonObject ToJson() => new() { ["type"] = Type, ["variableId"] = VariableId, ["value"] = Value?.DeepClone() };
}

/// <summary>Runs an activity again (a faulted one: its incident is resolved) or schedules one that has not run.</summary>
public sealed record ScheduleActivity(string? ActivityId, string? ActivityInstanceId) : Alteration
{
    /// <inheritdoc />
    public override string Type => nameof(ScheduleActivity);

    /// <inheritdoc />
    public override JsonObject ToJson() => new() { ["type"] = Type, ["activityId"] = ActivityId, ["activityInstanceId"] = ActivityInstanceId };
}

/// <summary>Cancels the running contexts of an activity (its bookmarks go; its flowchart goes on as after a cancellation).</summary>
public sealed record CancelActivity(string? ActivityId, string? ActivityInstanceId) : Alteration
{
    /// <inheritdoc />
    public override string Type => nameof(CancelActivity);

    /// <inheritdoc />
    public override JsonObject ToJson() => new() { ["type"] = Type, ["activityId"] = ActivityId, ["activityInstanceId"] = ActivityInstanceId };
}

/// <summary>Moves the instance to another version of its workflow; activities missing there must be mapped.</summary>
public sealed record Migrate(int TargetVersion, IReadOnlyDictionary<string, string> ActivityMappings) : Alteration
{
    /// <inheritdoc />
    public override string Type => nameof(Migrate);

    /// <inheritdoc />
    public override JsonObject ToJson()
    {
        var mappings = new JsonObject();
        foreach (var (from, to) in ActivityMappings) mappings[from] = to;
        return new JsonObject { ["type"] = Type, ["targetVersion"] = TargetVersion, ["activityMappings"] = mappings };
    }
}

/// <summary>A malformed alteration or plan; <see cref="Path"/> names the JSON member.</summary>
public sealed class AlterationFormatException(string path, string message) : Exception(message)
{
    /// <summary>JSON path of the bad member.</summary>
    public string Path { get; } = path;
}
