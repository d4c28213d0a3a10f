using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Apis;

// Moving instances between installations: export one, a zip of several, and import.
public static partial class WorkflowInstancesApi
{
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string id, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (record is null) return WorkflowDefinitionsApi.NotFound($"Workflow instance '{id}' was not found.");
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ExportDocument(record)), "application/json", $"workflow-instance-{id}.json");
    }

    private static string ExportDocument(WorkflowInstanceRecord record)
    {
        var json = Summary(record);
        json["workflowState"] = JsonNode.Parse(record.Data);
        return json.ToJsonString(WorkflowJson.Indented);
    }

    // Studio's bulk export of instances: a zip of the documents a single export gives.
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> BulkExportAsync(HttpRequest request, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var ids = await WorkflowDefinitionsApi.ReadIdsAsync(request, "ids", cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.WorkflowInstances.AsNoTracking().Where(x => ids.Contains(x.Id)).ToListAsync(cancellationToken);
        if (records.Count == 0) return WorkflowDefinitionsApi.NotFound("None of the workflow instances was found.");
        var zip = ZipFiles.Create(records.OrderBy(r => r.CreatedAt).Select(r => ($"workflow-instance-{r.Id}.json", ExportDocument(r))));
        return TypedResults.File(zip, "application/zip", "workflow-instances.zip");
    }

    // Studio's instance import: multipart `files`, each an exported instance (or a zip of them); an instance whose id
    // exists is skipped. Nothing is stored until every file reads.
    private static async Task<IResult> BulkImportAsync(HttpRequest request, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType) return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the exported files as multipart/form-data in 'files'.");
        var form = await request.ReadFormAsync(cancellationToken);
        var states = new List<WorkflowState>();
        var errors = new Dictionary<string, string[]>();
        foreach (var file in form.Files)
        {
            await using var stream = file.OpenReadStream();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            var bytes = copy.ToArray();
            var documents = ZipFiles.IsZip(bytes) ? ZipFiles.JsonEntries(bytes) : [(file.FileName, bytes)];
            foreach (var (name, content) in documents)
            {
                try
                {
                    var node = JsonNode.Parse(content) as JsonObject;
                    var state = (node?["workflowState"] ?? node)?.Deserialize<WorkflowState>(WorkflowJson.Options);
                    if (state is null || string.IsNullOrWhiteSpace(state.Id) || string.IsNullOrWhiteSpace(state.DefinitionId)) errors[name] = ["Not an exported workflow instance (no workflowState with an id and a definitionId)."];
                    else states.Add(state);
                }
                catch (JsonException e)
                {
                    errors[name] = [$"Not JSON: {e.Message}"];
                }
            }
        }

        if (form.Files.Count == 0) errors["files"] = ["Send at least one exported instance in 'files'."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var count = 0;
        foreach (var state in states)
        {
            if (await runtime.ImportAsync(state, cancellationToken)) count++;
        }

        return Results.Ok(new { count });
    }
}
