using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Host.Startup;

/// <summary>
/// Imports every <c>*.json</c> under <c>workflows-json/</c> as a published definition at start-up. A file is
/// re-imported only when its content changed; a broken file is logged with its path and error and the rest still load.
/// </summary>
public sealed partial class WorkflowsJsonLoader(
    WorkflowDefinitionService definitions,
    IDbContextFactory<WorkflowsDbContext> contexts,
    IOptions<WorkflowsJsonOptions> options,
    IHostEnvironment environment,
    ILogger<WorkflowsJsonLoader> logger)
{
    /// <summary>The folder that will be read, or null when none exists.</summary>
    public string? ResolveFolder()
    {
        if (options.Value.Path is { Length: > 0 } configured) return Path.GetFullPath(configured, environment.ContentRootPath);
        var candidates = new[] { Path.Combine(AppContext.BaseDirectory, "workflows-json"), Path.Combine(environment.ContentRootPath, "workflows-json") };
        foreach (var candidate in candidates)
        {
            if (Directory.Exists(candidate)) return candidate;
        }

        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows-json");
            if (Directory.Exists(candidate)) return candidate;
        }

        return null;
    }

    /// <summary>Loads the folder; returns (imported, unchanged, failed).</summary>
    public async Task<(int Imported, int Unchanged, int Failed)> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled) return (0, 0, 0);
        var folder = ResolveFolder();
        if (folder is null || !Directory.Exists(folder))
        {
            LogNoFolder(logger, folder ?? "workflows-json");
            return (0, 0, 0);
        }

        int imported = 0, unchanged = 0;
        // A workflow used as an activity by another must be imported first; files are retried in passes until no
        // more can be imported, so the order of file names does not matter.
        var pending = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var importedBefore = imported;
            var failedThisPass = new List<string>();
            foreach (var file in pending)
            {
                switch (await LoadFileAsync(folder, file, cancellationToken))
                {
                    case (true, _):
                        imported++;
                        break;
                    case (false, null):
                        unchanged++;
                        break;
                    case (false, { } error):
                        errors[file] = error;
                        failedThisPass.Add(file);
                        break;
                }
            }

            // The pass's imports become activity types (and triggers) together; files that use them go in the next pass.
            if (imported > importedBefore) await definitions.ImportsDoneAsync(cancellationToken);
            if (failedThisPass.Count == pending.Count) break;
            pending = failedThisPass;
        }

        var failed = 0;
        foreach (var file in pending)
        {
            failed++;
            LogFailed(logger, file, errors[file]);
        }

        return (imported, unchanged, failed);
    }

    /// <summary>Imports one file: (true, null) imported, (false, null) unchanged, (false, error) not imported.</summary>
    private async Task<(bool Imported, string? Error)> LoadFileAsync(string folder, string file, CancellationToken cancellationToken)
    {
        var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
        try
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var hash = Convert.ToHexString(SHA256.HashData(bytes));
            var source = "workflows-json/" + relative;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                if (await db.WorkflowDefinitions.AnyAsync(x => x.Source == source && x.SourceHash == hash, cancellationToken)) return (false, null);
            }

            var model = WorkflowDefinitionReader.Read(bytes);
            if (string.IsNullOrWhiteSpace(model.DefinitionId)) throw new WorkflowFormatException("definitionId", "The file has no 'definitionId'.");
            model.IsPublished = true;
            await definitions.ImportDeferredAsync(model, source, hash, cancellationToken);
            LogImported(logger, relative, model.DefinitionId, model.Version);
            return (true, null);
        }
        catch (Exception e) when (e is WorkflowFormatException or WorkflowValidationException or IOException or UnauthorizedAccessException)
        {
            return (false, e is WorkflowValidationException v ? string.Join("; ", v.Errors.Select(x => $"{x.Path}: {x.Message}")) : e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No workflows-json folder found at {Folder}; nothing imported")]
    private static partial void LogNoFolder(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {File} as workflow {DefinitionId} version {Version}")]
    private static partial void LogImported(ILogger logger, string file, string definitionId, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow file {File} was not imported: {Error}")]
    private static partial void LogFailed(ILogger logger, string file, string error);
}
