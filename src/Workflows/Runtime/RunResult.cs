namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>What a burst left behind.</summary>
public sealed record RunResult(WorkflowState State, IReadOnlyList<Bookmark> Bookmarks);
