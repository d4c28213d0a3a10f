namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>Kinds of <see cref="CycleProblem"/>.</summary>
public enum CycleProblemKind
{
    /// <summary>A field of the request is wrong.</summary>
    Invalid,

    /// <summary>No such cycle or open request.</summary>
    NotFound,

    /// <summary>The cycle is already running, or its workflow is not published.</summary>
    Conflict,

    /// <summary>The workflow faulted as it started.</summary>
    Faulted,

    /// <summary>The request or cycle closed meanwhile.</summary>
    Closed,
}
