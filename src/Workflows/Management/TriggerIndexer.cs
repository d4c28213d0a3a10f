using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Management;

/// <summary>Computes the triggers of a published version: every trigger activity with <c>canStartWorkflow</c>.</summary>
public sealed class TriggerIndexer(ActivityRegistry registry)
{
    /// <summary>The triggers of a definition version.</summary>
    public IReadOnlyList<TriggerRecord> Index(WorkflowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var result = new List<TriggerRecord>();
        foreach (var node in graph.Nodes)
        {
            if (!node.CanStartWorkflow) continue;
            var activity = registry.Find(node.Type, node.Version);
            if (activity is null || activity.Descriptor.Kind != ActivityKind.Trigger) continue;
            var context = new TriggerIndexingContext(node, name => EvaluateStatic(node, activity, name));
            foreach (var payload in activity.GetTriggerPayloads(context))
            {
                result.Add(new TriggerRecord
                {
                    Id = IdGenerator.New(),
                    WorkflowDefinitionId = graph.Definition.DefinitionId,
                    WorkflowDefinitionVersionId = graph.Definition.Id,
                    Name = payload.Name,
                    ActivityId = node.Id,
                    Hash = StimulusHasher.Hash(payload.Name, payload.Payload),
                    Payload = payload.Payload.ToJsonString(),
                });
            }
        }

        return result;
    }

    /// <summary>Trigger inputs are evaluated without a running workflow: Literal and Object expressions only.</summary>
    private static object? EvaluateStatic(ActivityNode node, Activity activity, string inputName)
    {
        var descriptor = activity.Descriptor.Inputs.FirstOrDefault(i => string.Equals(i.Name, inputName, StringComparison.OrdinalIgnoreCase));
        var type = TypeAliases.Resolve(descriptor?.TypeName) ?? typeof(object);
        var expression = InputExpression.FromInput(node.Get(inputName));
        object? raw = expression?.Type switch
        {
            "Literal" => DynamicJson.FromNode(expression.Value),
            "Object" or "Json" when expression.Value is JsonValue v && v.TryGetValue<string>(out var s) => DynamicJson.FromNode(JsonNode.Parse(s)),
            _ => null,
        };
        raw ??= descriptor?.DefaultValue is { } d ? DynamicJson.FromNode(d) : null;
        return ValueConverter.Convert(raw, type);
    }
}
