namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>How an embedded port stores its activities.</summary>
public enum EmbeddedPortShape
{
    /// <summary>One activity object.</summary>
    Single,

    /// <summary>An array of activity objects.</summary>
    Many,

    /// <summary>An array of objects (switch cases, states, transitions) whose named members hold activities.</summary>
    Cases,
}
