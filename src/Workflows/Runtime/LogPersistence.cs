using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Whether a value is kept in the journal and the activity records.</summary>
public enum LogPersistenceMode
{
    /// <summary>Kept.</summary>
    Include,

    /// <summary>Left out.</summary>
    Exclude,

    /// <summary>As the enclosing level says (activity → workflow → Include).</summary>
    Inherit,
}

/// <summary>
/// Elsa's log persistence settings, read from <c>customProperties.logPersistenceConfig</c> (and the legacy
/// <c>logPersistenceMode</c>) of the workflow and of each activity: a <c>default</c>, then per <c>inputs</c> and
/// <c>outputs</c> member. Each is a strategy (<c>…Strategies.Include</c>, <c>Exclude</c>, <c>Inherit</c>); Inherit takes the
/// level above (input → activity → workflow → Include). Excluded inputs are not in the journal's or the activity
/// record's evaluated state; excluded outputs are not in the activity record.
/// </summary>
public sealed class LogPersistence
{
    private const string ConfigKey = "logPersistenceConfig", LegacyKey = "logPersistenceMode";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActivityNode, LogPersistence> Cache = [];

    private readonly HashSet<string> _excludedInputs = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _excludedOutputs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the value of input <paramref name="name"/> is kept.</summary>
    public bool KeepsInput(string name) => !_excludedInputs.Contains(name);

    /// <summary>Whether the value of output <paramref name="name"/> is kept.</summary>
    public bool KeepsOutput(string name) => !_excludedOutputs.Contains(name);

    /// <summary>The policy of a context's node (computed once per node of a definition version).</summary>
    public static LogPersistence Of(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Cache.GetValue(context.Node, node => For(context.Workflow.Definition, node, context.Activity));
    }

    /// <summary>The policy of one activity node in a workflow.</summary>
    public static LogPersistence For(WorkflowDefinition definition, ActivityNode node, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(activity);
        var workflowDefault = Resolve(DefaultOf(definition.CustomProperties), LogPersistenceMode.Include);
        var activityDefault = Resolve(DefaultOf(node.CustomProperties), workflowDefault);
        var policy = new LogPersistence();
        foreach (var input in activity.Descriptor.Inputs)
        {
            if (Resolve(MemberOf(node.CustomProperties, "inputs", input.Name), activityDefault) == LogPersistenceMode.Exclude) policy._excludedInputs.Add(input.Name);
        }

        foreach (var output in activity.Descriptor.Outputs)
        {
            if (Resolve(MemberOf(node.CustomProperties, "outputs", output.Name), activityDefault) == LogPersistenceMode.Exclude) policy._excludedOutputs.Add(output.Name);
        }

        return policy;
    }

    /// <summary>The mode a setting names: a strategy object, or a mode's name (legacy).</summary>
    public static LogPersistenceMode ModeOf(JsonNode? setting)
    {
        var text = setting switch
        {
            JsonObject o => ActivityJson.GetString(o, "strategyType") ?? ActivityJson.GetString(o, "mode"),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        if (text is null) return LogPersistenceMode.Inherit;
        var name = text.Split(',')[0].Trim();
        name = name[(name.LastIndexOf('.') + 1)..];
        return Enum.TryParse<LogPersistenceMode>(name, ignoreCase: true, out var mode) ? mode : LogPersistenceMode.Inherit;
    }

    private static LogPersistenceMode Resolve(LogPersistenceMode mode, LogPersistenceMode inherited) => mode == LogPersistenceMode.Inherit ? inherited : mode;

    private static LogPersistenceMode DefaultOf(JsonObject? customProperties) =>
        ModeOf(Section(customProperties, ConfigKey)?["default"] is { } current ? current : Section(customProperties, LegacyKey)?["default"]);

    private static LogPersistenceMode MemberOf(JsonObject? customProperties, string section, string name)
    {
        var key = ActivityJson.Camel(name);
        return ModeOf((Section(customProperties, ConfigKey)?[section] as JsonObject)?[key] ?? (Section(customProperties, LegacyKey)?[section] as JsonObject)?[key]);
    }

    private static JsonObject? Section(JsonObject? customProperties, string key) => customProperties is null ? null : ActivityJson.Get(customProperties, key) as JsonObject;
}
