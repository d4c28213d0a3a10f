using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>The audit trail of an instance (approval events from the journal plus link use) as CSV for admins.</summary>
public static class AuditApi
{
    /// <summary>Maps the route.</summary>
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/workflow-instances/{id}/audit.csv", ExportAsync).WithTags("Audit").WithName("ExportAudit");
        api.MapGet("/workflow-instances/{id}/audit", ListAsync).WithTags("Audit").WithName("ListAudit");
        return api;
    }

    private sealed record AuditRow(DateTimeOffset Timestamp, string Event, string Actor, string Decision, string Comment, string Detail, string Via);

    /// <summary>The instance's approval journal events and link use, oldest first; null if the instance is unknown.</summary>
    private static async Task<List<AuditRow>?> RowsAsync(string id, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.WorkflowInstances.AnyAsync(x => x.Id == id, cancellationToken)) return null;
        var journal = (await db.ExecutionLog.AsNoTracking().Where(x => x.WorkflowInstanceId == id && x.EventName != null && x.EventName.StartsWith("Approval")).OrderBy(x => x.Sequence).Select(x => x.Data).ToListAsync(cancellationToken))
            .Select(d => JsonSerializer.Deserialize<ExecutionLogRecord>(d, WorkflowJson.Options)!)
            .Select(r => new AuditRow(r.Timestamp, r.EventName!, r.Payload?["By"]?.GetValue<string>() ?? "", r.Payload?["Decision"]?.GetValue<string>() ?? "",
                r.Payload?["Comment"]?.GetValue<string>() ?? "", r.Message ?? "", r.Payload?["Via"]?.GetValue<string>() ?? ""));
        var audit = (await db.Audit.AsNoTracking().Where(x => x.WorkflowInstanceId == id).ToListAsync(cancellationToken))
            .Select(a => new AuditRow(a.Timestamp, a.Event, a.Actor ?? "", "", "", a.Detail ?? "", a.UserAgent ?? ""));
        return [.. journal.Concat(audit).OrderBy(r => r.Timestamp)];
    }

    private static async Task<IResult> ListAsync(string id, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(id, contexts, cancellationToken);
        if (rows is null) return Results.Problem($"Workflow instance '{id}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        return Results.Ok(new
        {
            items = rows.Select(r => new { timestamp = r.Timestamp, @event = r.Event, actor = r.Actor, decision = r.Decision, comment = r.Comment, detail = r.Detail, via = r.Via }),
            totalCount = rows.Count,
        });
    }

    private static async Task<IResult> ExportAsync(string id, IDbContextFactory<WorkflowsDbContext> contexts, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(id, contexts, cancellationToken);
        if (rows is null) return Results.Problem($"Workflow instance '{id}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        var csv = new StringBuilder("time_utc;time_helsinki;event;actor;decision;comment;detail;via\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(';', new[]
            {
                row.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                TimeZoneInfo.ConvertTime(row.Timestamp, helsinki).ToString("d.M.yyyy H.mm.ss", CultureInfo.InvariantCulture),
                row.Event, row.Actor, row.Decision, row.Comment, row.Detail, row.Via,
            }.Select(Cell))).Append("\r\n");
        }

        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"audit-{id}.csv");
    }

    /// <summary>Quotes a cell and defuses spreadsheet formulas (CSV injection).</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
