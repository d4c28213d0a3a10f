namespace Opiskeluhuolto.Workflows.Model;

/// <summary>Join mode of <c>Elsa.FlowJoin</c>.</summary>
public enum FlowJoinMode
{
    /// <summary>Wait for all inbound connections; schedule when all were followed.</summary>
    WaitAll,

    /// <summary>Wait for all; schedule when any was followed (the implicit join).</summary>
    WaitAllActive,

    /// <summary>First arrival wins and cancels the other inbound branches.</summary>
    WaitAny,
}
