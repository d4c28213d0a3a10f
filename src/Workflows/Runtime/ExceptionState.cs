using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Serializable exception details.</summary>
public sealed class ExceptionState
{
    /// <summary>Exception type name.</summary>
    public string Type { get; set; } = "";

    /// <summary>Message.</summary>
    public string Message { get; set; } = "";

    /// <summary>Stack trace.</summary>
    public string? StackTrace { get; set; }

    /// <summary>Inner exception.</summary>
    public ExceptionState? InnerException { get; set; }

    /// <summary>Extra data (fault code, category…).</summary>
    public JsonObject? Metadata { get; set; }

    /// <summary>Captures an exception.</summary>
    public static ExceptionState From(Exception e) => new()
    {
        Type = e.GetType().FullName ?? e.GetType().Name,
        Message = e.Message,
        StackTrace = e.StackTrace,
        InnerException = e.InnerException is null ? null : From(e.InnerException),
        Metadata = e is FaultException f ? new JsonObject { ["code"] = f.Code, ["category"] = f.Category, ["type"] = f.FaultType } : null,
    };
}
