namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>An embedded port: a property that holds one activity, a list of activities or switch cases with activities.</summary>
public sealed record EmbeddedPort(string Name, EmbeddedPortShape Shape = EmbeddedPortShape.Single);
