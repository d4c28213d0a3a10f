using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A loaded instance with the revision its commit must match.</summary>
public sealed record LoadedInstance(WorkflowState State, long Revision);
