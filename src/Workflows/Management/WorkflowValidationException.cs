namespace Opiskeluhuolto.Workflows.Management;

/// <summary>A definition was rejected before it was stored.</summary>
public sealed class WorkflowValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowValidationException(IReadOnlyList<ValidationError> errors)
        : base(errors is { Count: > 0 } ? $"The workflow definition is invalid: {errors[0].Message}" : "The workflow definition is invalid.") =>
        Errors = errors ?? [];

    /// <summary>Creates the exception.</summary>
    public WorkflowValidationException() : this([]) { }

    /// <summary>Creates the exception.</summary>
    public WorkflowValidationException(string message) : this([new ValidationError("$", message)]) { }

    /// <summary>Creates the exception.</summary>
    public WorkflowValidationException(string message, Exception inner) : base(message, inner) => Errors = [new ValidationError("$", message)];

    /// <summary>The problems.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }
}
