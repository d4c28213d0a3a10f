using System.Text;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>
/// The TypeScript declarations (<c>.d.ts</c>) the Studio's JavaScript editor loads for a workflow: Elsa's globals, an
/// accessor pair per variable and a getter per input with their types, and the host's script functions — the same
/// names <see cref="JavaScriptLanguage"/> defines when an expression runs.
/// </summary>
public sealed class JavaScriptTypeDefinitions(IEnumerable<IScriptFunctions> hostFunctions, Activities.ActivityRegistry registry)
{
    private static readonly (string Name, string Signature, string Doc)[] Globals =
    [
        ("getVariable", "(name: string): any", "The value of a variable in scope, by name."),
        ("setVariable", "(name: string, value: any): void", "Sets a variable in scope (an undeclared name creates a local variable)."),
        ("getInput", "(name: string): any", "A workflow input (inside a workflow used as an activity: that activity's input)."),
        ("getOutputFrom", "(activityIdOrName: string, outputName?: string): any", "An output of an activity that ran earlier (default output Result)."),
        ("getLastResult", "(): any", "The last value written to an activity's Result output."),
        ("getWorkflowInstanceId", "(): string", "This instance's id."),
        ("getWorkflowDefinitionId", "(): string", "The workflow's definition id."),
        ("getWorkflowDefinitionVersionId", "(): string", "The id of the workflow version that runs."),
        ("getWorkflowDefinitionVersion", "(): number", "The number of the workflow version that runs."),
        ("getCorrelationId", "(): string | null", "The instance's correlation id."),
        ("setCorrelationId", "(value: string | null): void", "Sets the correlation id."),
        ("getWorkflowInstanceName", "(): string | null", "The instance's name."),
        ("setWorkflowInstanceName", "(value: string | null): void", "Sets the instance's name."),
        ("isNullOrWhiteSpace", "(value: any): boolean", "Whether the value is null, undefined, empty or white space."),
        ("isNullOrEmpty", "(value: any): boolean", "Whether the value is null, undefined or empty."),
        ("toJson", "(value: any): string", "JSON with PascalCase names."),
        ("parseGuid", "(value: string): string", "A GUID in its canonical form."),
        ("newGuid", "(): string", "A new GUID."),
        ("newGuidString", "(): string", "A new GUID."),
        ("newShortGuid", "(): string", "A new short GUID (22 characters)."),
        ("getGuidString", "(): string", "Deprecated: newGuidString()."),
        ("getShortGuid", "(): string", "Deprecated: newShortGuid()."),
        ("stringToBase64", "(value: string): string", "UTF-8 text as base64."),
        ("stringFromBase64", "(value: string): string", "Base64 as UTF-8 text."),
        ("bytesToBase64", "(bytes: number[]): string", "Bytes as base64."),
        ("bytesFromBase64", "(value: string): number[]", "Base64 as bytes."),
        ("bytesToString", "(bytes: number[]): string", "UTF-8 bytes as text."),
        ("bytesFromString", "(value: string): number[]", "Text as UTF-8 bytes."),
    ];

    private readonly IScriptFunctions[] _hostFunctions = [.. hostFunctions];

    /// <summary>The declarations for <paramref name="definition"/> (only the globals when it is unknown, e.g. not saved yet).</summary>
    public string For(WorkflowDefinition? definition)
    {
        var text = new StringBuilder();
        text.Append("// JavaScript in workflow expressions").Append(definition is null ? "" : $" of '{definition.Name ?? definition.DefinitionId}'").Append(" (Opiskeluhuolto.Workflows, Elsa 3 compatible).\n\n");
        var variables = Variables(definition).ToList();
        text.Append("/** The variables this expression names as variables.<Name>; assignments are written back. */\n");
        text.Append("declare const variables: {\n");
        foreach (var (name, type) in variables) text.Append("  ").Append(name).Append(": ").Append(type).Append(";\n");
        text.Append("};\n\n");
        foreach (var (name, signature, doc) in Globals) Declare(text, name, signature, doc);
        foreach (var (name, type) in variables.Where(v => JsIdentifier(v.Name)))
        {
            var pascal = ActivityJson.Pascal(name);
            Declare(text, "get" + pascal, $"(): {type}", $"The variable {name}.");
            Declare(text, "set" + pascal, $"(value: {type}): void", $"Sets the variable {name}.");
        }

        foreach (var input in definition?.Inputs ?? [])
        {
            if (JsIdentifier(input.Name))
                Declare(text, "get" + ActivityJson.Pascal(input.Name), $"(): {TypeScript(input.Type)}{(input.IsArray == true ? "[]" : "")}", string.IsNullOrWhiteSpace(input.Description) ? $"The workflow input {input.Name}." : input.Description);
        }

        if (definition?.Root is not null)
        {
            var graph = Runtime.WorkflowGraph.Build(Serialization.WorkflowDefinitionReader.Clone(definition), registry);
            foreach (var (accessor, target) in OutputAccessors.Build(graph.Nodes, OutputAccessors.UsesNames(definition), registry).OrderBy(a => a.Key, StringComparer.Ordinal))
                Declare(text, accessor, $"(): {TypeScript(target.TypeName)}", $"The output {target.OutputName} of the activity {target.ActivityId} (in the current burst).");
        }

        foreach (var provider in _hostFunctions)
        {
            var declarations = provider.Declarations;
            foreach (var name in provider.Functions.Keys.Order(StringComparer.Ordinal))
            {
                Declare(text, name, declarations.TryGetValue(name, out var declared) ? declared : "(...args: any[]): any", null);
            }
        }

        return text.ToString();
    }

    /// <summary>The TypeScript type of an Elsa type name (<c>Int32</c> → <c>number</c>, <c>List&lt;String&gt;</c> → <c>string[]</c>).</summary>
    public static string TypeScript(string? typeName)
    {
        var type = (typeName ?? "Object").Trim();
        if (type.EndsWith("[]", StringComparison.Ordinal)) return TypeScript(type[..^2]) + "[]";
        var generic = type.IndexOf('<', StringComparison.Ordinal);
        if (generic > 0 && type.EndsWith('>'))
        {
            var outer = type[..generic];
            var inner = type[(generic + 1)..^1];
            return outer is "List" or "IList" or "IEnumerable" or "ICollection" or "HashSet" ? TypeScript(inner) + "[]" : "any";
        }

        return type.Split(',')[0].Split('.')[^1] switch
        {
            "String" or "Char" or "Guid" or "DateTime" or "DateTimeOffset" or "DateOnly" or "TimeOnly" or "TimeSpan" or "Uri" => "string",
            "Int16" or "Int32" or "Int64" or "UInt16" or "UInt32" or "UInt64" or "Byte" or "Single" or "Double" or "Decimal" => "number",
            "Boolean" => "boolean",
            _ => "any",
        };
    }

    private static IEnumerable<(string Name, string Type)> Variables(WorkflowDefinition? definition)
    {
        if (definition is null) yield break;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in definition.Variables)
        {
            if (seen.Add(v.Name)) yield return (v.Name, TypeScript(v.TypeName) + (v.IsArray ? "[]" : ""));
        }

        // Variables declared on containers (the root flowchart and any nested one).
        var stack = new Stack<JsonNode>();
        if (definition.Root is not null) stack.Push(definition.Root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is JsonObject o)
            {
                if (o["variables"] is JsonArray declared)
                {
                    foreach (var item in declared.OfType<JsonObject>())
                    {
                        if (item["name"] is JsonValue n && n.TryGetValue<string>(out var name) && seen.Add(name))
                            yield return (name, TypeScript(item["typeName"]?.GetValue<string>()) + (item["isArray"] is JsonValue a && a.TryGetValue<bool>(out var isArray) && isArray ? "[]" : ""));
                    }
                }

                foreach (var (key, child) in o)
                {
                    if (key != "variables" && child is JsonObject or JsonArray) stack.Push(child!);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                {
                    if (child is JsonObject or JsonArray) stack.Push(child!);
                }
            }
        }
    }

    private static void Declare(StringBuilder text, string name, string signature, string? doc)
    {
        if (doc is not null) text.Append("/** ").Append(doc.Replace("*/", "* /", StringComparison.Ordinal)).Append(" */\n");
        text.Append("declare function ").Append(name).Append(signature).Append(";\n");
    }

    private static bool JsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
}
