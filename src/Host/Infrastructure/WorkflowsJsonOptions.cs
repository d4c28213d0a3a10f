namespace Opiskeluhuolto.Host.Infrastructure;

/// <summary>Where the shipped workflow definitions are loaded from.</summary>
public sealed class WorkflowsJsonOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "WorkflowsJson";

    /// <summary>Folder with <c>*.json</c> definitions; default: <c>workflows-json</c> next to the app, else the repository's.</summary>
    public string? Path { get; set; }

    /// <summary>Import at start-up.</summary>
    public bool Enabled { get; set; } = true;
}
