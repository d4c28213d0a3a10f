using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>Builds API shapes of definitions.</summary>
public static class DefinitionShapes
{
    /// <summary>The links of a definition version.</summary>
    public static List<Link> Links(string definitionId, string id, bool isLatest)
    {
        var links = new List<Link>
        {
            new($"/workflow-definitions/by-id/{id}", "self", "GET"),
            new($"/workflow-definitions/{definitionId}/execute", "execute", "POST"),
            new($"/workflow-definitions/{definitionId}/dispatch", "dispatch", "POST"),
            new($"/workflow-definitions/{definitionId}/export", "export", "GET"),
            new($"/workflow-definitions/{definitionId}/retract", "retract", "POST"),
            new($"/workflow-definitions/{definitionId}", "delete", "DELETE"),
        };
        if (isLatest) links.Add(new Link($"/workflow-definitions/{definitionId}/publish", "publish", "POST"));
        return links;
    }

    /// <summary>The full definition with links, as Studio expects it.</summary>
    public static JsonObject Full(WorkflowDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var json = JsonSerializer.SerializeToNode(model, WorkflowJson.Options)!.AsObject();
        json.Remove("$schema");
        json["materializerName"] = "Json";
        json["links"] = JsonSerializer.SerializeToNode(Links(model.DefinitionId, model.Id, model.IsLatest), WorkflowJson.Options);
        return json;
    }

    /// <summary>A list row.</summary>
    public static JsonObject Summary(WorkflowDefinitionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new JsonObject
        {
            ["id"] = record.Id,
            ["definitionId"] = record.DefinitionId,
            ["name"] = record.Name,
            ["description"] = record.Description,
            ["version"] = record.Version,
            ["toolVersion"] = record.ToolVersion,
            ["isLatest"] = record.IsLatest,
            ["isPublished"] = record.IsPublished,
            ["isReadonly"] = record.IsReadonly,
            ["isSystem"] = record.IsSystem,
            ["materializerName"] = "Json",
            ["isMaterializerAvailable"] = true,
            ["createdAt"] = record.CreatedAt,
            ["links"] = JsonSerializer.SerializeToNode(Links(record.DefinitionId, record.Id, record.IsLatest), WorkflowJson.Options),
        };
    }

    /// <summary>The export document.</summary>
    public static string Export(WorkflowDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Schema = WorkflowDefinition.SchemaUrl;
        return WorkflowDefinitionReader.Write(model, indented: true);
    }
}
