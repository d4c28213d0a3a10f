namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Write a line to the console log.</summary>
public sealed record WriteLineEffect(string WorkflowInstanceId, string Text) : WorkflowEffect;
