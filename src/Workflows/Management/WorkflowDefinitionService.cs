using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Composition;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Management;

/// <summary>Definition versions: save (Studio semantics), import, publish, retract, delete, revert; triggers and workflow activities follow.</summary>
public sealed partial class WorkflowDefinitionService(
    IDbContextFactory<WorkflowsDbContext> contextFactory,
    WorkflowValidator validator,
    ActivityRegistry registry,
    TriggerIndexer triggerIndexer,
    WorkflowGraphCache graphs,
    TimeProvider timeProvider,
    IEnumerable<ITimerWakeUps> wakeUps,
    ILogger<WorkflowDefinitionService> logger)
{
    /// <summary>The highest version matching the options.</summary>
    public async Task<WorkflowDefinition?> FindAsync(string definitionId, VersionOptions options, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await Filter(db.WorkflowDefinitions.AsNoTracking().Where(x => x.DefinitionId == definitionId), options)
            .OrderByDescending(x => x.Version).FirstOrDefaultAsync(cancellationToken);
        return record is null ? null : ToModel(record);
    }

    /// <summary>A version by its id.</summary>
    public async Task<WorkflowDefinition?> FindByVersionIdAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return record is null ? null : ToModel(record);
    }

    /// <summary>Applies version options to a query.</summary>
    public static IQueryable<WorkflowDefinitionRecord> Filter(IQueryable<WorkflowDefinitionRecord> query, VersionOptions options) => options.Kind switch
    {
        "Latest" => query.Where(x => x.IsLatest),
        "Published" => query.Where(x => x.IsPublished),
        "LatestOrPublished" => query.Where(x => x.IsLatest || x.IsPublished),
        "LatestAndPublished" => query.Where(x => x.IsLatest && x.IsPublished),
        "Draft" => query.Where(x => !x.IsPublished),
        "Specific" => query.Where(x => x.Version == options.Version),
        _ => query,
    };

    /// <summary>The stored model of a record.</summary>
    public static WorkflowDefinition ToModel(WorkflowDefinitionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var model = WorkflowDefinitionReader.Read(record.Data);
        model.IsLatest = record.IsLatest;
        model.IsPublished = record.IsPublished;
        return model;
    }

    /// <summary>
    /// Elsa Studio's save: edits the latest draft in place; if the latest version is published, creates a new draft
    /// version; publishes it when asked. Invalid definitions are rejected before anything is stored.
    /// </summary>
    public async Task<SaveResult> SaveAsync(WorkflowDefinition model, bool publish, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var definitionId = string.IsNullOrWhiteSpace(model.DefinitionId) ? IdGenerator.New() : model.DefinitionId;
        var versions = await db.WorkflowDefinitions.Where(x => x.DefinitionId == definitionId).ToListAsync(cancellationToken);
        var latest = versions.Where(v => v.IsLatest).MaxBy(v => v.Version) ?? versions.MaxBy(v => v.Version);
        var now = timeProvider.GetUtcNow();
        WorkflowDefinitionRecord record;
        if (latest is null || latest.IsPublished)
        {
            record = new WorkflowDefinitionRecord { Id = IdGenerator.New(), DefinitionId = definitionId, Version = (latest?.Version ?? 0) + 1, CreatedAt = now };
            foreach (var v in versions) v.IsLatest = false;
            db.WorkflowDefinitions.Add(record);
        }
        else
        {
            record = latest;
        }

        model.Id = record.Id;
        model.DefinitionId = definitionId;
        model.Version = record.Version;
        model.CreatedAt = record.CreatedAt;
        model.IsLatest = true;
        model.IsPublished = record.IsPublished;
        model.Name ??= definitionId;
        var warnings = Prepare(model);
        Apply(record, model);
        var alreadyPublished = false;
        if (publish)
        {
            alreadyPublished = record.IsPublished;
            PublishVersion(versions, record);
        }

        Apply(record, model);
        await db.SaveChangesAsync(cancellationToken);
        await ReindexAsync(db, definitionId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AfterChangeAsync(cancellationToken);
        var saved = ToModel(record);
        var consumers = publish && !alreadyPublished ? await AfterPublishAsync(saved, cancellationToken) : [];
        return new SaveResult(saved, alreadyPublished) { UpdatedConsumers = consumers, Warnings = warnings };
    }

    /// <summary>
    /// Import (API import and the folder loader): identity is (definitionId, version); an existing version is updated in
    /// place, otherwise created. The imported version becomes latest unless a higher one exists; publishing it
    /// un-publishes lower versions, but a higher published version wins.
    /// </summary>
    public Task<WorkflowDefinition> ImportAsync(WorkflowDefinition model, string? source = null, string? sourceHash = null, CancellationToken cancellationToken = default) =>
        ImportAsync(model, source, sourceHash, afterChange: true, cancellationToken);

    /// <summary>
    /// Imports as <see cref="ImportAsync(WorkflowDefinition, string?, string?, CancellationToken)"/> but leaves the
    /// workflow-as-activity types and the timer wake-ups as they are: for loading many files, each batch followed by one
    /// <see cref="ImportsDoneAsync"/> (a file that uses another, not yet registered, as an activity fails until then).
    /// </summary>
    public Task<WorkflowDefinition> ImportDeferredAsync(WorkflowDefinition model, string? source, string? sourceHash, CancellationToken cancellationToken = default) =>
        ImportAsync(model, source, sourceHash, afterChange: false, cancellationToken);

    /// <summary>After <see cref="ImportDeferredAsync"/>: registers the workflow-as-activity types and tells the timer wake-ups, once.</summary>
    public Task ImportsDoneAsync(CancellationToken cancellationToken = default) => AfterChangeAsync(cancellationToken);

    private async Task<WorkflowDefinition> ImportAsync(WorkflowDefinition model, string? source, string? sourceHash, bool afterChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(model.DefinitionId)) model.DefinitionId = IdGenerator.New();
        if (model.Version < 1) model.Version = 1;
        var versions = await db.WorkflowDefinitions.Where(x => x.DefinitionId == model.DefinitionId).ToListAsync(cancellationToken);
        var record = versions.FirstOrDefault(v => v.Version == model.Version);
        if (record is null)
        {
            var id = string.IsNullOrWhiteSpace(model.Id) || await db.WorkflowDefinitions.AnyAsync(x => x.Id == model.Id, cancellationToken) ? IdGenerator.New() : model.Id;
            record = new WorkflowDefinitionRecord { Id = id, DefinitionId = model.DefinitionId, Version = model.Version, CreatedAt = model.CreatedAt == default ? timeProvider.GetUtcNow() : model.CreatedAt };
            db.WorkflowDefinitions.Add(record);
            versions.Add(record);
        }
        else if (!string.IsNullOrEmpty(model.Id) && model.Id != record.Id)
        {
            LogIdMismatch(logger, model.DefinitionId, model.Version, model.Id, record.Id);
        }

        model.Id = record.Id;
        model.CreatedAt = record.CreatedAt;
        model.Name ??= model.DefinitionId;
        var wantsPublish = model.IsPublished;
        Prepare(model);
        var highest = versions.Max(v => v.Version);
        foreach (var v in versions) v.IsLatest = v.Version == highest;
        record.IsPublished = false;
        if (wantsPublish && !versions.Any(v => v.IsPublished && v.Version > record.Version)) PublishVersion(versions, record);
        model.IsLatest = record.IsLatest;
        model.IsPublished = record.IsPublished;
        Apply(record, model);
        record.Source = source;
        record.SourceHash = sourceHash;
        await db.SaveChangesAsync(cancellationToken);
        await ReindexAsync(db, model.DefinitionId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (afterChange) await AfterChangeAsync(cancellationToken);
        return ToModel(record);
    }

    /// <summary>Publishes the latest version.</summary>
    public async Task<SaveResult?> PublishAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.WorkflowDefinitions.Where(x => x.DefinitionId == definitionId).ToListAsync(cancellationToken);
        var latest = versions.Where(v => v.IsLatest).MaxBy(v => v.Version) ?? versions.MaxBy(v => v.Version);
        if (latest is null) return null;
        if (latest.IsPublished) return new SaveResult(ToModel(latest), true);
        PublishVersion(versions, latest);
        var model = ToModel(latest);
        model.IsPublished = true;
        Apply(latest, model);
        await db.SaveChangesAsync(cancellationToken);
        await ReindexAsync(db, definitionId, cancellationToken);
        await AfterChangeAsync(cancellationToken);
        var published = ToModel(latest);
        return new SaveResult(published, false) { UpdatedConsumers = await AfterPublishAsync(published, cancellationToken) };
    }

    /// <summary>Un-publishes the published version; its triggers are removed.</summary>
    public async Task<WorkflowDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.WorkflowDefinitions.Where(x => x.DefinitionId == definitionId).ToListAsync(cancellationToken);
        if (versions.Count == 0) return null;
        var published = versions.FirstOrDefault(v => v.IsPublished) ?? throw new WorkflowConflictException($"Workflow '{definitionId}' is not published.");
        published.IsPublished = false;
        var model = ToModel(published);
        model.IsPublished = false;
        Apply(published, model);
        await db.SaveChangesAsync(cancellationToken);
        await ReindexAsync(db, definitionId, cancellationToken);
        await AfterChangeAsync(cancellationToken);
        return ToModel(published);
    }

    /// <summary>Deletes every version; returns how many were deleted.</summary>
    public async Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var count = await db.WorkflowDefinitions.Where(x => x.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken);
        await db.Triggers.Where(x => x.WorkflowDefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken);
        await AfterChangeAsync(cancellationToken);
        return count;
    }

    /// <summary>Deletes one version; the next highest becomes latest.</summary>
    public async Task<bool> DeleteVersionAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.WorkflowDefinitions.FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (record is null) return false;
        db.WorkflowDefinitions.Remove(record);
        var rest = await db.WorkflowDefinitions.Where(x => x.DefinitionId == record.DefinitionId && x.Id != id).ToListAsync(cancellationToken);
        if (record.IsLatest && rest.MaxBy(v => v.Version) is { } next) SetFlags(next, isLatest: true, next.IsPublished);
        await db.SaveChangesAsync(cancellationToken);
        await ReindexAsync(db, record.DefinitionId, cancellationToken);
        await AfterChangeAsync(cancellationToken);
        return true;
    }

    /// <summary>Creates a new latest draft from an older version.</summary>
    public async Task<WorkflowDefinition?> RevertAsync(string definitionId, int version, CancellationToken cancellationToken = default)
    {
        var source = await FindAsync(definitionId, new VersionOptions("Specific", version), cancellationToken);
        if (source is null) return null;
        var latest = await FindAsync(definitionId, VersionOptions.Latest, cancellationToken);
        source.Id = latest?.Id ?? source.Id;
        return (await SaveAsync(source, publish: false, cancellationToken)).Definition;
    }

    /// <summary>
    /// Validates a model (assigning missing ids first) and throws <see cref="WorkflowValidationException"/> when invalid;
    /// returns the warnings (what is kept but never followed).
    /// </summary>
    public IReadOnlyList<ValidationError> Prepare(WorkflowDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Schema = null;
        if (model.Root is not null)
        {
            WorkflowConsumers.FillReferences(model.Root, registry);
            try
            {
                graphs.Build(model);
            }
            catch (WorkflowFormatException e)
            {
                throw new WorkflowValidationException([new ValidationError(e.Path, e.Message)]);
            }
        }

        var report = validator.Check(model);
        if (report.Errors.Count > 0) throw new WorkflowValidationException(report.Errors);
        return report.Warnings;
    }

    private static void PublishVersion(List<WorkflowDefinitionRecord> versions, WorkflowDefinitionRecord record)
    {
        foreach (var v in versions.Where(v => v != record && v.IsPublished))
        {
            var old = ToModel(v);
            v.IsPublished = false;
            Apply(v, old);
        }

        record.IsPublished = true;
    }

    private static void SetFlags(WorkflowDefinitionRecord record, bool isLatest, bool isPublished)
    {
        var model = ToModel(record);
        model.IsLatest = isLatest;
        model.IsPublished = isPublished;
        Apply(record, model);
    }

    private static void Apply(WorkflowDefinitionRecord record, WorkflowDefinition model)
    {
        model.IsLatest = record.IsLatest || model.IsLatest;
        record.IsLatest = model.IsLatest;
        model.IsPublished = record.IsPublished;
        record.Name = model.Name;
        record.Description = model.Description;
        record.IsSystem = model.IsSystem;
        record.IsReadonly = model.IsReadonly;
        record.UsableAsActivity = model.IsUsableAsActivity;
        record.ToolVersion = model.ToolVersion;
        record.Data = WorkflowDefinitionReader.Write(model);
    }

    private async Task ReindexAsync(WorkflowsDbContext db, string definitionId, CancellationToken cancellationToken)
    {
        await db.Triggers.Where(t => t.WorkflowDefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken);
        var published = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(x => x.DefinitionId == definitionId && x.IsPublished, cancellationToken);
        if (published is null) return;
        var graph = graphs.Build(ToModel(published));
        db.Triggers.AddRange(triggerIndexer.Index(graph));
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Imported workflow {DefinitionId} version {Version} carries id {ImportedId}; keeping stored id {StoredId}")]
    private static partial void LogIdMismatch(ILogger logger, string definitionId, int version, string importedId, string storedId);
}
