namespace Opiskeluhuolto.Workflows.Management;

/// <summary>One problem found in a workflow definition.</summary>
/// <param name="Path">JSON path of the offending member, e.g. <c>root.activities[2].type</c>.</param>
/// <param name="Message">What is wrong, naming the activity and property.</param>
/// <param name="ActivityId">Activity id, when the problem is in an activity.</param>
/// <param name="Property">Property name, when the problem is in one property.</param>
public sealed record ValidationError(string Path, string Message, string? ActivityId = null, string? Property = null);

/// <summary>Collects validation errors while walking a definition.</summary>
public sealed class ValidationContext
{
    private readonly List<ValidationError> _errors = [];

    /// <summary>Errors found.</summary>
    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <summary>JSON path of the node being checked.</summary>
    public string CurrentPath { get; internal set; } = "root";

    /// <summary>Id of the activity being checked.</summary>
    public string? CurrentActivityId { get; internal set; }

    /// <summary>Adds an error for the current activity; <paramref name="property"/> extends the path.</summary>
    public void Add(string message, string? property = null) =>
        _errors.Add(new ValidationError(property is null ? CurrentPath : $"{CurrentPath}.{property}", message, CurrentActivityId, property));

    /// <summary>Adds an error at an explicit path.</summary>
    public void AddAt(string path, string message, string? activityId = null, string? property = null) =>
        _errors.Add(new ValidationError(path, message, activityId, property));
}
