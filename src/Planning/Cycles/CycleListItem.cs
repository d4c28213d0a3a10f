namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>A cycle or steering-group year in the list.</summary>
/// <param name="Id">Instance id.</param>
/// <param name="Name">Its name.</param>
/// <param name="DefinitionId">council-term-cycle or steering-group-year.</param>
/// <param name="CorrelationId">The cycle's own id (one running per id).</param>
/// <param name="Status">Running or Finished.</param>
/// <param name="SubStatus">Suspended, Executing, Finished, Cancelled, Faulted…</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="FinishedAt">When it finished.</param>
public sealed record CycleListItem(string Id, string? Name, string DefinitionId, string? CorrelationId, string Status, string SubStatus, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
