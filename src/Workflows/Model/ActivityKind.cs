namespace Opiskeluhuolto.Workflows.Model;

/// <summary>Descriptor kind of an activity.</summary>
public enum ActivityKind
{
    /// <summary>Runs inline.</summary>
    Action,

    /// <summary>Can start workflows.</summary>
    Trigger,

    /// <summary>Inline unless run asynchronously.</summary>
    Task,

    /// <summary>Always in the background.</summary>
    Job,
}
