using System.Text;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Activities.Descriptors;

/// <summary>Small helpers that keep activity descriptors one line per input.</summary>
public static class Describe
{
    /// <summary>Builds a descriptor; <paramref name="typeName"/> is split into namespace and name.</summary>
    public static ActivityDescriptor Activity(
        string typeName,
        string category,
        string description,
        string? displayName = null,
        ActivityKind kind = ActivityKind.Action,
        IReadOnlyList<InputDescriptor>? inputs = null,
        IReadOnlyList<OutputDescriptor>? outputs = null,
        IReadOnlyList<string>? outcomes = null,
        IReadOnlyList<EmbeddedPort>? embedded = null,
        bool isStart = false,
        bool isTerminal = false,
        bool isContainer = false,
        bool isBrowsable = true,
        int version = 1)
    {
        var dot = typeName.LastIndexOf('.');
        var name = dot < 0 ? typeName : typeName[(dot + 1)..];
        var ports = new List<PortDescriptor>();
        foreach (var outcome in outcomes ?? []) ports.Add(new PortDescriptor(outcome, outcome, PortType.Flow));
        foreach (var port in embedded ?? []) ports.Add(new PortDescriptor(ActivityJsonName(port.Name), Humanize(port.Name), PortType.Embedded, port.Shape == EmbeddedPortShape.Single));
        return new ActivityDescriptor
        {
            TypeName = typeName,
            Namespace = dot < 0 ? "" : typeName[..dot],
            Name = name,
            Version = version,
            Category = category,
            DisplayName = displayName ?? Humanize(name),
            Description = description,
            Kind = kind,
            Inputs = Order(inputs ?? []),
            Outputs = outputs ?? [],
            Ports = ports,
            IsStart = isStart,
            IsTerminal = isTerminal,
            IsContainer = isContainer,
            IsBrowsable = isBrowsable,
        };
    }

    /// <summary>A wrapped input.</summary>
    public static InputDescriptor Input(
        string name,
        string typeName,
        string? description = null,
        string? uiHint = null,
        JsonNode? defaultValue = null,
        string defaultSyntax = "Literal",
        IReadOnlyList<string>? options = null,
        string? category = null,
        string? displayName = null,
        bool wrapped = true,
        bool autoEvaluate = true) => new()
        {
            Name = name,
            TypeName = typeName,
            DisplayName = displayName ?? Humanize(name),
            Description = description,
            UiHint = uiHint ?? DefaultUiHint(typeName, options),
            DefaultValue = defaultValue,
            DefaultSyntax = defaultSyntax,
            IsWrapped = wrapped,
            Category = category,
            AutoEvaluate = autoEvaluate,
            UiSpecifications = options is null ? null : new JsonObject
            {
                ["dropdown"] = new JsonObject
                {
                    ["selectList"] = new JsonObject
                    {
                        ["items"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["text"] = o, ["value"] = o }).ToArray()),
                        ["isFlagsEnum"] = false,
                    },
                },
            },
        };

    /// <summary>An output.</summary>
    public static OutputDescriptor Output(string name, string typeName = "Object", string? description = null, bool serializable = true) =>
        new() { Name = name, TypeName = typeName, DisplayName = Humanize(name), Description = description, IsSerializable = serializable };

    /// <summary>"PlanId" → "Plan Id".</summary>
    public static string Humanize(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0) sb.Append(char.ToUpperInvariant(c));
            else if (char.IsUpper(c) && !char.IsUpper(name[i - 1])) sb.Append(' ').Append(c);
            else sb.Append(c);
        }

        return sb.ToString();
    }

    private static string ActivityJsonName(string name) => Serialization.ActivityJson.Camel(name);

    private static string DefaultUiHint(string typeName, IReadOnlyList<string>? options) =>
        options is not null ? "dropdown"
        : typeName is "Boolean" ? "checkbox"
        : typeName.StartsWith("List<", StringComparison.Ordinal) ? "dropdown"
        : "singleline";

    private static List<InputDescriptor> Order(IReadOnlyList<InputDescriptor> inputs) =>
        inputs.Select((input, i) => input with { Order = i }).ToList();
}
