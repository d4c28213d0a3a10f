namespace Opiskeluhuolto.Workflows.Model;

/// <summary>Status of an activity execution context.</summary>
public enum ActivityStatus
{
    /// <summary>Created; not running.</summary>
    Pending,

    /// <summary>Running or waiting.</summary>
    Running,

    /// <summary>Completed.</summary>
    Completed,

    /// <summary>Cancelled.</summary>
    Canceled,

    /// <summary>Faulted.</summary>
    Faulted,
}
