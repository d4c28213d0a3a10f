namespace Opiskeluhuolto.Workflows.Management;

/// <summary>One problem found in a workflow definition.</summary>
/// <param name="Path">JSON path of the offending member, e.g. <c>root.activities[2].type</c>.</param>
/// <param name="Message">What is wrong, naming the activity and property.</param>
/// <param name="ActivityId">Activity id, when the problem is in an activity.</param>
/// <param name="Property">Property name, when the problem is in one property.</param>
public sealed record ValidationError(string Path, string Message, string? ActivityId = null, string? Property = null);
