namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>
/// A module's own tables in the engine's database (a second EF context with its own migrations and history table).
/// <see cref="WorkflowDatabase.MigrateAsync"/> migrates them after the engine's, under the same start-up lock.
/// </summary>
public interface IModuleDatabase
{
    /// <summary>Applies the module's pending migrations.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);
}
