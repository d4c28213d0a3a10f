using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Serialization;

/// <summary>Reads workflow definition documents in the Elsa 3.7 and 3.8 spellings and normalises them to the current one.</summary>
public static class WorkflowDefinitionReader
{
    /// <summary>Parses a document. Throws <see cref="WorkflowFormatException"/> with a JSON path on malformed input.</summary>
    public static WorkflowDefinition Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > 0 && json[0] == '\uFEFF') json = json[1..];
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, new JsonNodeOptions { PropertyNameCaseInsensitive = false }, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            throw new WorkflowFormatException(e.Path ?? "$", $"The document is not valid JSON: {e.Message}", e);
        }

        if (node is not JsonObject obj) throw new WorkflowFormatException("$", "The document must be a JSON object.");
        return Read(obj);
    }

    /// <summary>Reads UTF-8 bytes (a BOM is tolerated).</summary>
    public static WorkflowDefinition Read(ReadOnlySpan<byte> utf8) => Read(Encoding.UTF8.GetString(utf8));

    /// <summary>Converts a parsed document.</summary>
    public static WorkflowDefinition Read(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        WorkflowDefinition? definition;
        try
        {
            definition = document.Deserialize<WorkflowDefinition>(WorkflowJson.Options);
        }
        catch (JsonException e)
        {
            throw new WorkflowFormatException(e.Path ?? "$", $"Invalid value: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new WorkflowFormatException("$", e.Message, e);
        }

        if (definition is null) throw new WorkflowFormatException("$", "The document is empty.");
        definition.Variables ??= [];
        definition.Inputs ??= [];
        definition.Outputs ??= [];
        definition.Outcomes ??= [];
        definition.CustomProperties ??= [];
        definition.Options ??= new WorkflowOptions();
        if (definition.Root is not null)
        {
            definition.Root = (JsonObject)definition.Root.DeepClone();
            ActivityJson.Normalize(definition.Root);
        }

        return definition;
    }

    /// <summary>Serialises a definition in the current spelling.</summary>
    public static string Write(WorkflowDefinition definition, bool indented = false) =>
        JsonSerializer.Serialize(definition, indented ? WorkflowJson.Indented : WorkflowJson.Options);

    /// <summary>Deep copy through JSON.</summary>
    public static WorkflowDefinition Clone(WorkflowDefinition definition) => Read(Write(definition));
}
