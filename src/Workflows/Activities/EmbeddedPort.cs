namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>
/// An embedded port: a property that holds one activity, a list of activities, or a list of objects whose named
/// <paramref name="Members"/> hold activities (switch cases: <c>activity</c>; state machine states: <c>entry</c>,
/// <c>exit</c>).
/// </summary>
public sealed record EmbeddedPort(string Name, EmbeddedPortShape Shape = EmbeddedPortShape.Single, IReadOnlyList<string>? Members = null)
{
    /// <summary>The members of each item that hold an activity (<see cref="EmbeddedPortShape.Cases"/> only).</summary>
    public IReadOnlyList<string> ItemMembers => Members ?? ["activity"];
}
