namespace Opiskeluhuolto.Workflows.Management;

/// <summary>Collects validation errors while walking a definition.</summary>
public sealed class ValidationContext
{
    private readonly List<ValidationError> _errors = [];
    private readonly List<ValidationError> _warnings = [];

    /// <summary>Errors found.</summary>
    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <summary>What Elsa loads too but never runs as drawn (reported with the save, not refused).</summary>
    public IReadOnlyList<ValidationError> Warnings => _warnings;

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

    /// <summary>Adds a warning at an explicit path.</summary>
    public void WarnAt(string path, string message, string? activityId = null) =>
        _warnings.Add(new ValidationError(path, message, activityId, null));
}
