using Opiskeluhuolto.Workflows.Model;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary>A flowchart connection between two child activities.</summary>
public sealed record FlowConnection(ActivityNode Source, string SourcePort, ActivityNode Target, string TargetPort)
{
    /// <summary>Key used by the visit counters: <c>src:port-&gt;tgt:port</c>.</summary>
    public string Key => $"{Source.Id}:{SourcePort}->{Target.Id}:{TargetPort}";
}
