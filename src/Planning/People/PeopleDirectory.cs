using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.Persistence;

namespace Opiskeluhuolto.Planning.People;

/// <summary>
/// The region's people and their roles, stored with the workflows. Approval assignees may name a role
/// (<c>{"role": "cooperationGroupMember"}</c> or <c>"role:chair"</c>); it is resolved to the people holding it, with their
/// deputies, when the approval starts.
/// </summary>
public sealed class PeopleDirectory(IDbContextFactory<PlanningDbContext> contextFactory)
{
    /// <summary>The holders of <paramref name="role"/> (ordinal, case-insensitive), each with their deputy.</summary>
    public async Task<IReadOnlyList<(ApprovalPerson Member, ApprovalPerson? Deputy)>> ResolveAsync(string role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = role.Trim().ToLowerInvariant();
        var roles = await db.DirectoryRoles.AsNoTracking().Where(r => r.Role.ToLower() == key).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var ids = roles.Select(r => r.PersonId).Concat(roles.Select(r => r.DeputyPersonId).OfType<string>()).Distinct().ToList();
        var people = (await db.DirectoryPeople.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken)).ToDictionary(p => (p.Source, p.Id));
        ApprovalPerson? Person(string source, string? id) => id is not null && people.TryGetValue((source, id), out var p)
            ? new ApprovalPerson { Email = p.Email, Name = p.Name, Language = p.Language is "fi" or "sv" or "en" ? p.Language : "fi" }
            : null;
        return [.. roles.Select(r => (Member: Person(r.Source, r.PersonId), Deputy: Person(r.Source, r.DeputyPersonId))).Where(x => x.Member is not null).Select(x => (x.Member!, x.Deputy))];
    }

    /// <summary>The person with this work e-mail (case-insensitive) for addressing a mail: name and language; null when unknown.</summary>
    public async Task<ApprovalPerson?> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var key = email.Trim().ToLowerInvariant();
        var person = await db.DirectoryPeople.AsNoTracking().Where(p => p.Email.ToLower() == key).OrderBy(p => p.Source).FirstOrDefaultAsync(cancellationToken);
        return person is null ? null : new ApprovalPerson { Email = person.Email, Name = person.Name, Language = person.Language is "fi" or "sv" or "en" ? person.Language : "fi", Organisation = person.Organisation };
    }

    /// <summary>A stored dataset (region or steering-group file) by id; null if never imported.</summary>
    public async Task<DirectoryDataset?> DatasetAsync(string source, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.DirectoryDatasets.AsNoTracking().FirstOrDefaultAsync(d => d.Source == source, cancellationToken);
    }

    /// <summary>Every stored dataset without its JSON, by id.</summary>
    public async Task<IReadOnlyList<DirectoryDataset>> DatasetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DirectoryDatasets.AsNoTracking().Select(d => new DirectoryDataset { Source = d.Source, Kind = d.Kind, Name = d.Name, ImportedAt = d.ImportedAt }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(d => d.Source, StringComparer.Ordinal)];
    }

    /// <summary>Role keys with how many people hold each.</summary>
    public async Task<IReadOnlyList<(string Role, int Holders)>> RolesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DirectoryRoles.AsNoTracking().GroupBy(r => r.Role).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Count))];
    }

    /// <summary>People written per save while importing (each batch reported as progress).</summary>
    public const int SaveBatch = 500;

    /// <summary>Replaces everything from <paramref name="source"/> in one transaction (an import lands completely or not at all).</summary>
    public async Task ReplaceAsync(string source, IReadOnlyCollection<DirectoryPerson> people, IReadOnlyCollection<DirectoryRole> roles, CancellationToken cancellationToken = default) =>
        await ReplaceAsync(source, people, roles, null, null, cancellationToken);

    /// <summary>Replaces everything from <paramref name="source"/>, and the stored file when <paramref name="dataset"/> is given, in one transaction.</summary>
    public Task ReplaceAsync(string source, IReadOnlyCollection<DirectoryPerson> people, IReadOnlyCollection<DirectoryRole> roles, DirectoryDataset? dataset, CancellationToken cancellationToken = default) =>
        ReplaceAsync(source, people, roles, dataset, null, cancellationToken);

    /// <summary>
    /// Replaces everything from <paramref name="source"/>, and the stored file when <paramref name="dataset"/> is given, in
    /// one transaction; people are written in batches of <see cref="SaveBatch"/>, each reported to <paramref name="progress"/>.
    /// </summary>
    public async Task ReplaceAsync(string source, IReadOnlyCollection<DirectoryPerson> people, IReadOnlyCollection<DirectoryRole> roles, DirectoryDataset? dataset,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var person in people) person.Source = source;
        foreach (var role in roles) role.Source = source;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DirectoryRoles.Where(r => r.Source == source).ExecuteDeleteAsync(cancellationToken);
        await db.DirectoryPeople.Where(p => p.Source == source).ExecuteDeleteAsync(cancellationToken);
        if (dataset is not null)
        {
            dataset.Source = source;
            await db.DirectoryDatasets.Where(d => d.Source == source).ExecuteDeleteAsync(cancellationToken);
            db.DirectoryDatasets.Add(dataset);
        }

        var saved = 0;
        foreach (var batch in people.Chunk(SaveBatch))
        {
            db.DirectoryPeople.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            saved += batch.Length;
            progress?.Report(new ImportProgress(ImportStage.Saving, saved, people.Count));
        }

        db.DirectoryRoles.AddRange(roles);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Imported people matching a search (name, address, title or organisation contains <paramref name="search"/>),
    /// an organisation and a role, with their roles; ordered by organisation and name; at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<(DirectoryPerson Person, IReadOnlyList<string> Roles)>> ListAsync(string? search, string? organisation, string? role, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var people = db.DirectoryPeople.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            people = people.Where(p => EF.Functions.Like(p.Email.ToLower(), pattern, "\\") || EF.Functions.Like((p.Name ?? "").ToLower(), pattern, "\\")
                || EF.Functions.Like((p.Title ?? "").ToLower(), pattern, "\\") || EF.Functions.Like((p.Organisation ?? "").ToLower(), pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(organisation)) people = people.Where(p => p.Organisation == organisation);
        if (!string.IsNullOrWhiteSpace(role)) people = people.Where(p => db.DirectoryRoles.Any(r => r.Role == role && r.Source == p.Source && (r.PersonId == p.Id || r.DeputyPersonId == p.Id)));
        var found = await people.OrderBy(p => p.Organisation).ThenBy(p => p.Name).ThenBy(p => p.Email).Take(limit).ToListAsync(cancellationToken);
        var ids = found.Select(p => p.Id).ToList();
        var roles = await db.DirectoryRoles.AsNoTracking().Where(r => ids.Contains(r.PersonId) || (r.DeputyPersonId != null && ids.Contains(r.DeputyPersonId))).ToListAsync(cancellationToken);
        return found.Select(p => (p, (IReadOnlyList<string>)roles.Where(r => r.Source == p.Source && (r.PersonId == p.Id || r.DeputyPersonId == p.Id))
            .Select(r => r.DeputyPersonId == p.Id && r.PersonId != p.Id ? r.Role + " (deputy)" : r.Role).Distinct().Order(StringComparer.Ordinal).ToList())).ToList();
    }

    /// <summary>The organisations of the imported people, sorted.</summary>
    public async Task<IReadOnlyList<string>> OrganisationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.DirectoryPeople.AsNoTracking().Where(p => p.Organisation != null).Select(p => p.Organisation!).Distinct().ToListAsync(cancellationToken);
        return [.. names.Order(StringComparer.CurrentCulture)];
    }
}
