using Opiskeluhuolto.Planning.People;
using System.Net.Mail;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// <c>POST /api/people/erase</c> (admin): removes a person and their personal data (GDPR) — from the people directory,
/// and from finished cycles, where their decisions stay under a pseudonym. The address travels in the body, never in
/// the URL (URLs end up in logs).
/// </summary>
public static class PeopleApi
{
    /// <summary>Maps the route.</summary>
    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        api.MapPost("/people/erase", EraseRequestAsync).WithTags("Directory").WithName("ErasePerson")
            .WithSummary("Erases a person's personal data: directory entries, and in finished cycles their address and name (decisions stay, anonymised). Running cycles are listed, not changed.");
        return api;
    }

    /// <summary>Whom to erase.</summary>
    /// <param name="Email">The person's e-mail address.</param>
    public sealed record EraseRequest(string? Email);

    private static async Task<IResult> EraseRequestAsync(EraseRequest? body, HttpContext http, PersonalDataEraser eraser, Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body?.Email is not { Length: > 3 and <= 254 } email || !MailAddress.TryCreate(email.Trim(), out _))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["Give the e-mail address of the person to erase."] });
        var (result, mailFiles) = await EraseAsync(email, http, eraser, contexts, time, cancellationToken);
        return Results.Ok(new
        {
            pseudonym = result.Pseudonym, directoryPeople = result.DirectoryPeople, instances = result.Instances,
            journalEntries = result.JournalEntries, auditEntries = result.AuditEntries, outboxMessages = result.OutboxMessages, datasets = result.Datasets, cycleRecords = result.CycleRecords, sentMails = result.SentMails,
            mailFiles, runningInstances = result.RunningInstances,
        });
    }

    /// <summary>Erases a person everywhere (the API and the people page): the stores, pickup copies, and an audit line without the address.</summary>
    public static async Task<(ErasureResult Result, int MailFiles)> EraseAsync(string email, HttpContext http, PersonalDataEraser eraser, Microsoft.EntityFrameworkCore.IDbContextFactory<WorkflowsDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(eraser);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(time);
        var result = await eraser.EraseAsync(email, cancellationToken);
        // Copies of mail in the pickup folder (the default mail sender, and the dev inbox) are deleted as well.
        var mailFiles = http.RequestServices.GetRequiredService<Opiskeluhuolto.Notifications.Smtp.PickupFolderEmailSender>().DeleteMentionsOf(email.Trim());
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // The erasure itself is recorded without the address.
            db.Audit.Add(new AuditEntry { WorkflowInstanceId = "", Timestamp = time.GetUtcNow(), Event = "PersonErased", Actor = http.User.Identity?.Name, Detail = $"erased as {result.Pseudonym}" });
            await db.SaveChangesAsync(cancellationToken);
        }

        return (result, mailFiles);
    }
}
