using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Workflows.Activities.Composition;

/// <summary>
/// A published workflow used as an activity (type = PascalCase of the workflow name). It runs inline in the same
/// instance: the child's root is materialised below the node, its inputs become variables of the node's scope,
/// <c>Elsa.SetOutput</c> fills its outputs and <c>Elsa.Complete</c> chooses its outcome.
/// </summary>
public sealed class WorkflowDefinitionActivity : Activity
{
    private readonly WorkflowDefinition _definition;

    /// <summary>Creates the activity type of one definition version.</summary>
    public WorkflowDefinitionActivity(WorkflowDefinition definition)
    {
        _definition = definition ?? throw new ArgumentNullException(nameof(definition));
        TypeName = TypeNameOf(definition.Name ?? definition.DefinitionId);
    }

    /// <inheritdoc />
    public override string TypeName { get; }

    /// <inheritdoc />
    public override int Version => _definition.Version;

    /// <summary>The definition version this type runs.</summary>
    public WorkflowDefinition Definition => _definition;

    /// <summary>The definition id.</summary>
    public string DefinitionId => _definition.DefinitionId;

    /// <summary>The definition version id.</summary>
    public string DefinitionVersionId => _definition.Id;

    /// <summary>PascalCase type name of a workflow name ("Child With Input" → "ChildWithInput").</summary>
    public static string TypeNameOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries);
        var result = string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return new string(result.Where(char.IsLetterOrDigit).ToArray());
    }

    /// <inheritdoc />
    protected override ActivityDescriptor Describe()
    {
        var descriptor = Descriptors.Describe.Activity(TypeName, _definition.Options.ActivityCategory ?? "Workflows", _definition.Description ?? "", displayName: _definition.Name ?? TypeName,
            inputs: _definition.Inputs.Select(i => Descriptors.Describe.Input(SyntheticName(i.Name), i.Type, i.Description, uiHint: i.UiHint, displayName: i.DisplayName)).ToList(),
            outputs: _definition.Outputs.Select(o => Descriptors.Describe.Output(o.Name, o.Type, o.Description)).ToList(),
            outcomes: _definition.Outcomes.Count > 0 ? _definition.Outcomes : null, version: _definition.Version, isBrowsable: _definition.IsPublished);
        return descriptor with
        {
            Inputs = descriptor.Inputs.Select(i => i with { IsSynthetic = true }).ToList(),
            Outputs = descriptor.Outputs.Select(o => o with { IsSynthetic = true }).ToList(),
            CustomProperties = new JsonObject { ["RootType"] = "WorkflowDefinitionActivity", ["WorkflowDefinitionId"] = _definition.DefinitionId, ["WorkflowDefinitionVersionId"] = _definition.Id },
            ConstructionProperties = new JsonObject { ["WorkflowDefinitionId"] = _definition.DefinitionId, ["WorkflowDefinitionVersionId"] = _definition.Id, ["Version"] = _definition.Version },
        };
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "Id", "Name", "Version", "Type", "NodeId", "Metadata", "CustomProperties" };

    private static string SyntheticName(string name) => Reserved.Contains(name) ? "_" + name : name;

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var child = context.Node.CompositeDefinition ?? _definition;
        foreach (var input in child.Inputs)
        {
            // Dynamic: persisted with its name, so the composite's inputs survive a wait (timer, event) and a reload.
            var slot = new VariableSlot(context.Workflow.Services.NewId(), input.Name, TypeAliases.Resolve(input.Type), "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core", isDynamic: true);
            slot.Set(context.Get(SyntheticName(input.Name)));
            context.Variables[slot.Id] = slot;
        }

        var root = context.Node.Children.FirstOrDefault(c => c.Port == "root");
        if (root is null) return context.CompleteAsync();
        context.ScheduleChild(root);
        return ValueTask.CompletedTask;
    }
}
