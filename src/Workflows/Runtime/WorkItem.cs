namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>A queued execution or resumption.</summary>
public readonly record struct WorkItem(ActivityExecutionContext Context, Bookmark? Bookmark);
