using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Serialization;

/// <summary>
/// Writes and reads outbox payloads: the engine's effect kinds (attributes on <see cref="WorkflowEffect"/>) and every
/// <see cref="WorkflowEffectType"/> a module registered.
/// </summary>
public sealed class WorkflowEffectSerializer
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates the serializer; a kind registered twice is a start-up error.</summary>
    public WorkflowEffectSerializer(IEnumerable<WorkflowEffectType> moduleTypes)
    {
        ArgumentNullException.ThrowIfNull(moduleTypes);
        var types = moduleTypes.ToList();
        foreach (var type in types)
        {
            if (!type.Type.IsSubclassOf(typeof(WorkflowEffect)) || type.Type.IsAbstract)
                throw new InvalidOperationException($"{type.Type.Name} is not a concrete workflow effect.");
        }

        var twice = types.GroupBy(t => t.Kind, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidOperationException($"Effect kind '{twice.Key}' is registered twice.");
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(WorkflowEffect) || info.PolymorphismOptions is not { } polymorphism) return;
            foreach (var type in types) polymorphism.DerivedTypes.Add(new JsonDerivedType(type.Type, type.Kind));
        });
        _options = new JsonSerializerOptions(WorkflowJson.Options) { TypeInfoResolver = resolver };
        _options.MakeReadOnly();
    }

    /// <summary>The payload of <paramref name="effect"/>, with its kind.</summary>
    public string Serialize(WorkflowEffect effect) => JsonSerializer.Serialize(effect, _options);

    /// <summary>The effect of a payload; throws <see cref="JsonException"/> for an unknown kind or a broken payload.</summary>
    public WorkflowEffect? Deserialize(string payload) => JsonSerializer.Deserialize<WorkflowEffect>(payload, _options);
}
