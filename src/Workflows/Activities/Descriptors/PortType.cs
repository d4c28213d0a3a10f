namespace Opiskeluhuolto.Workflows.Activities.Descriptors;

/// <summary>Port type.</summary>
public enum PortType
{
    /// <summary>An outcome connected in a flowchart.</summary>
    Flow,

    /// <summary>A child activity held by the activity.</summary>
    Embedded,
}
