using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>
/// A module's rows derived from an instance's state (an index a module queries instead of the state's JSON), written in
/// the same commit as the state, so the two never disagree. Called for every commit; keep it cheap.
/// </summary>
public interface IWorkflowCommitContributor
{
    /// <summary>
    /// Adds the statements that bring the module's rows in line with <paramref name="state"/>. Called before the state
    /// is serialised, so a contributor may note in <see cref="WorkflowState.Properties"/> what it wrote.
    /// </summary>
    /// <param name="state">The instance's state as committed.</param>
    /// <param name="isNew">Whether the instance row is being created (so it has no rows yet).</param>
    /// <param name="batch">The commit's statements.</param>
    void Contribute(WorkflowState state, bool isNew, SqlBatch batch);
}
