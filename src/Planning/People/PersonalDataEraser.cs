using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Planning.Persistence;

namespace Opiskeluhuolto.Planning.People;

/// <summary>
/// Removes a person's personal data (GDPR art. 17): the person leaves the people directory, and in finished cycles
/// their e-mail address becomes a random pseudonym and their name "Poistettu henkilö", in the instance state, the
/// journal, the activity records and the audit trail. Their decisions stay, anonymised, so the cycle's record of what
/// was decided holds. Running instances are reported, not changed.
/// </summary>
public sealed class PersonalDataEraser(IDbContextFactory<WorkflowsDbContext> contextFactory, IDbContextFactory<PlanningDbContext> directoryFactory)
{
    /// <summary>The name that replaces an erased person's name.</summary>
    public const string ErasedName = "Poistettu henkilö";

    private static readonly string[] EmailKeys = ["email", "Email"];
    private static readonly string[] NameKeys = ["name", "Name"];

    /// <summary>Erases <paramref name="email"/> (case-insensitive) everywhere but in running instances.</summary>
    public async Task<ErasureResult> EraseAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var address = email.Trim();
        var pseudonym = $"poistettu-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}@poistettu.invalid";
        var pattern = Like.Containing(address); // matched against lower-cased columns, '_' and '%' as themselves
        // The directory rows go last, in their own transaction: should the process stop between the two commits, the
        // names are still there for a second erasure to find (it anonymises the same documents again, harmlessly).
        await using var directory = await directoryFactory.CreateDbContextAsync(cancellationToken);
        var lower = address.ToLowerInvariant();
        var people = await directory.DirectoryPeople.Where(p => p.Email.ToLower() == lower).ToListAsync(cancellationToken);
        var names = new HashSet<string>(people.Select(p => p.Name).OfType<string>().Where(n => n.Length > 2), StringComparer.Ordinal);
        var datasets = await directory.DirectoryDatasets.Where(d => EF.Functions.Like(d.Json.ToLower(), pattern, Like.Escape)).ToListAsync(cancellationToken);
        foreach (var dataset in datasets) dataset.Json = RemoveFromDataset(dataset.Json, address, names);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The person may appear in an instance's state, its journal, its activity records, its incidents, its audit
        // trail, its mail waiting in the outbox (or failed there) and its queued resumptions.
        var running = WorkflowStatus.Running.ToString();
        var candidates = (await db.WorkflowInstances.Where(i => EF.Functions.Like(i.Data.ToLower(), pattern, Like.Escape)).Select(i => i.Id).ToListAsync(cancellationToken))
            .Concat(await db.ExecutionLog.Where(l => EF.Functions.Like(l.Data.ToLower(), pattern, Like.Escape)).Select(l => l.WorkflowInstanceId).ToListAsync(cancellationToken))
            .Concat(await db.ActivityExecutions.Where(r => EF.Functions.Like(r.Data.ToLower(), pattern, Like.Escape)).Select(r => r.WorkflowInstanceId).ToListAsync(cancellationToken))
            .Concat(await db.Incidents.Where(r => EF.Functions.Like(r.Data.ToLower(), pattern, Like.Escape) || EF.Functions.Like(r.Message.ToLower(), pattern, Like.Escape)).Select(r => r.WorkflowInstanceId).ToListAsync(cancellationToken))
            .Concat(await db.Audit.Where(a => a.Actor!.ToLower() == lower || EF.Functions.Like(a.Detail!.ToLower(), pattern, Like.Escape)).Select(a => a.WorkflowInstanceId).ToListAsync(cancellationToken))
            .Where(id => id.Length > 0).Distinct().ToList();
        var instances = await db.WorkflowInstances.Where(i => candidates.Contains(i.Id)).ToListAsync(cancellationToken);
        var stillRunning = instances.Where(i => i.Status == running).Select(i => i.Id).ToList();
        var finished = instances.Where(i => i.Status != running).ToList();
        foreach (var instance in finished) instance.Data = Anonymise(instance.Data, address, pseudonym, names);
        var finishedIds = finished.Select(i => i.Id).ToList();
        var journal = await db.ExecutionLog.Where(l => finishedIds.Contains(l.WorkflowInstanceId)).ToListAsync(cancellationToken);
        foreach (var entry in journal) entry.Data = Anonymise(entry.Data, address, pseudonym, names);
        var records = await db.ActivityExecutions.Where(r => finishedIds.Contains(r.WorkflowInstanceId)).ToListAsync(cancellationToken);
        foreach (var record in records) record.Data = Anonymise(record.Data, address, pseudonym, names);
        var incidents = await db.Incidents.Where(r => finishedIds.Contains(r.WorkflowInstanceId)).ToListAsync(cancellationToken);
        foreach (var incident in incidents)
        {
            incident.Data = Anonymise(incident.Data, address, pseudonym, names);
            incident.Message = Replace(incident.Message, address, pseudonym, names)!;
        }

        // Mail and resumptions of running instances stay as they are (the instance still names the person); any other
        // that names the person is changed, and mail to the pseudonym cannot be delivered (.invalid).
        var outbox = await db.Outbox.Where(o => (o.WorkflowInstanceId == null || !stillRunning.Contains(o.WorkflowInstanceId))
            && (EF.Functions.Like(o.Payload.ToLower(), pattern, Like.Escape) || EF.Functions.Like(o.LastError!.ToLower(), pattern, Like.Escape))).ToListAsync(cancellationToken);
        foreach (var message in outbox)
        {
            message.Payload = Anonymise(message.Payload, address, pseudonym, names);
            message.LastError = Replace(message.LastError, address, pseudonym, names);
        }

        var queued = await db.BookmarkQueue.Where(q => (q.WorkflowInstanceId == null || !stillRunning.Contains(q.WorkflowInstanceId)) && EF.Functions.Like(q.Input!.ToLower(), pattern, Like.Escape)).ToListAsync(cancellationToken);
        foreach (var item in queued) item.Input = item.Input is null ? null : Anonymise(item.Input, address, pseudonym, names);
        var audit = await db.Audit.Where(a => !stillRunning.Contains(a.WorkflowInstanceId) && (a.Actor!.ToLower() == lower || EF.Functions.Like(a.Detail!.ToLower(), pattern, Like.Escape) || finishedIds.Contains(a.WorkflowInstanceId))).ToListAsync(cancellationToken);
        foreach (var entry in audit)
        {
            entry.Actor = Replace(entry.Actor, address, pseudonym, names);
            entry.Detail = Replace(entry.Detail, address, pseudonym, names);
            entry.UserAgent = null;
        }

        // Alteration plans keep what an operator typed (a ModifyVariable value may be an address) and their jobs' logs.
        var plans = await db.AlterationPlans.Where(p => EF.Functions.Like(p.Alterations.ToLower(), pattern, Like.Escape) || EF.Functions.Like(p.Filter.ToLower(), pattern, Like.Escape)).ToListAsync(cancellationToken);
        foreach (var plan in plans)
        {
            plan.Alterations = Anonymise(plan.Alterations, address, pseudonym, names);
            plan.Filter = Anonymise(plan.Filter, address, pseudonym, names);
        }

        var jobs = await db.AlterationJobs.Where(j => EF.Functions.Like(j.Log!.ToLower(), pattern, Like.Escape)).ToListAsync(cancellationToken);
        foreach (var job in jobs) job.Log = job.Log is null ? null : Anonymise(job.Log, address, pseudonym, names);

        // What reached the person stays known (when, about what), to the pseudonym.
        var sent = await db.SentEffects.Where(s => s.Recipient == lower).ExecuteUpdateAsync(s => s.SetProperty(x => x.Recipient, pseudonym), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await using var directoryTransaction = await directory.Database.BeginTransactionAsync(cancellationToken);
        foreach (var person in people)
        {
            await directory.DirectoryRoles.Where(r => r.Source == person.Source && r.PersonId == person.Id).ExecuteDeleteAsync(cancellationToken);
            await directory.DirectoryRoles.Where(r => r.Source == person.Source && r.DeputyPersonId == person.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeputyPersonId, (string?)null), cancellationToken);
        }

        // What cycles keep (document versions, decisions, minutes with attendance) keeps its facts; the person in it is anonymised.
        var kept = await directory.CycleRecords.Where(r => r.RecordedBy!.ToLower() == lower || EF.Functions.Like(r.Data.ToLower(), pattern, Like.Escape)).ToListAsync(cancellationToken);
        foreach (var name in names) kept.AddRange(await directory.CycleRecords.Where(r => r.Data.Contains(name)).ToListAsync(cancellationToken));
        kept = [.. kept.Distinct()];
        foreach (var record in kept)
        {
            record.RecordedBy = Replace(record.RecordedBy, address, pseudonym, names);
            record.Data = Anonymise(record.Data, address, pseudonym, names);
        }

        directory.DirectoryPeople.RemoveRange(people);
        await directory.SaveChangesAsync(cancellationToken);
        await directoryTransaction.CommitAsync(cancellationToken);
        return new ErasureResult(pseudonym, people.Count, finished.Count, journal.Count + records.Count + incidents.Count, audit.Count(a => a.Actor == pseudonym), stillRunning)
        {
            OutboxMessages = outbox.Count + queued.Count,
            SentMails = sent,
            Datasets = datasets.Count,
            CycleRecords = kept.Count,
        };
    }

    /// <summary>
    /// Takes the person out of an imported region or steering-group file: their entry in <c>people</c> goes, every
    /// <c>…PersonId</c> that named them becomes empty (the seat is vacant and a new cycle asks nobody in their place),
    /// and any other mention of the address or their names is removed.
    /// </summary>
    internal static string RemoveFromDataset(string json, string address, HashSet<string> names)
    {
        if (JsonNode.Parse(json) is not JsonObject root) return Replace(json, address, "", names)!;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (root["people"] is JsonArray people)
        {
            foreach (var person in people.OfType<JsonObject>().Where(p => EmailKeys.Any(k => p[k] is JsonValue v && v.TryGetValue<string>(out var e) && string.Equals(e.Trim(), address, StringComparison.OrdinalIgnoreCase))).ToList())
            {
                if (person["id"] is JsonValue id && id.TryGetValue<string>(out var personId)) ids.Add(personId);
                // The full name only: a first name alone is someone else's too.
                if (person["firstName"] is JsonValue f && person["lastName"] is JsonValue l && $"{f} {l}".Trim() is { Length: > 4 } full && full.Contains(' ', StringComparison.Ordinal)) names.Add(full);
                people.Remove(person);
            }
        }

        void Vacate(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o.ToList())
                    {
                        if (key.EndsWith("PersonId", StringComparison.Ordinal) && child is JsonValue v && v.TryGetValue<string>(out var id) && ids.Contains(id)) o[key] = null;
                        else Vacate(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a.ToList())
                    {
                        if (child is JsonValue v && v.TryGetValue<string>(out var id) && ids.Contains(id)) a.Remove(child);
                        else Vacate(child);
                    }

                    break;
            }
        }

        Vacate(root);
        return Replace(root.ToJsonString(Workflows.Serialization.WorkflowJson.Options), address, "", names)!;
    }

    /// <summary>
    /// Replaces the person in a JSON document: objects whose e-mail is the address get the pseudonym and the erased
    /// name (the names found are collected), then any other mention of the address or those names is replaced.
    /// </summary>
    internal static string Anonymise(string json, string address, string pseudonym, HashSet<string> names)
    {
        if (JsonNode.Parse(json) is { } root)
        {
            Walk(root, address, pseudonym, names);
            json = root.ToJsonString(Workflows.Serialization.WorkflowJson.Options);
        }

        return Replace(json, address, pseudonym, names)!;
    }

    private static void Walk(JsonNode node, string address, string pseudonym, HashSet<string> names)
    {
        switch (node)
        {
            case JsonObject o:
                if (EmailKeys.Any(k => o[k] is JsonValue v && v.TryGetValue<string>(out var e) && string.Equals(e.Trim(), address, StringComparison.OrdinalIgnoreCase)))
                {
                    foreach (var key in EmailKeys.Where(o.ContainsKey)) o[key] = pseudonym;
                    foreach (var key in NameKeys.Where(o.ContainsKey))
                    {
                        if (o[key] is JsonValue n && n.TryGetValue<string>(out var name) && name.Length > 2) names.Add(name);
                        o[key] = ErasedName;
                    }
                }

                foreach (var (_, child) in o.ToList())
                {
                    if (child is not null) Walk(child, address, pseudonym, names);
                }

                break;
            case JsonArray a:
                foreach (var child in a.ToList())
                {
                    if (child is not null) Walk(child, address, pseudonym, names);
                }

                break;
        }
    }

    private static string? Replace(string? text, string address, string pseudonym, HashSet<string> names)
    {
        if (text is null) return null;
        text = Regex.Replace(text, Regex.Escape(address), pseudonym, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        foreach (var name in names.OrderByDescending(n => n.Length)) text = text.Replace(name, ErasedName, StringComparison.Ordinal);
        return text;
    }
}
