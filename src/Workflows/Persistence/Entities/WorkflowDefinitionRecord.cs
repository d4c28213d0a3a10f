namespace Opiskeluhuolto.Workflows.Persistence;

/// <summary>A stored definition version.</summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>Version id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Definition id.</summary>
    public string DefinitionId { get; set; } = "";

    /// <summary>Version number.</summary>
    public int Version { get; set; }

    /// <summary>Name.</summary>
    public string? Name { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>Latest version flag.</summary>
    public bool IsLatest { get; set; }

    /// <summary>Published flag.</summary>
    public bool IsPublished { get; set; }

    /// <summary>System workflow.</summary>
    public bool IsSystem { get; set; }

    /// <summary>Read-only.</summary>
    public bool IsReadonly { get; set; }

    /// <summary>Usable as an activity.</summary>
    public bool UsableAsActivity { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Tool version.</summary>
    public string? ToolVersion { get; set; }

    /// <summary>Where the definition came from (e.g. <c>workflows-json/x.json</c>); null for API saves.</summary>
    public string? Source { get; set; }

    /// <summary>SHA-256 of the source file the version was imported from.</summary>
    public string? SourceHash { get; set; }

    /// <summary>The definition document (JSON).</summary>
    public string Data { get; set; } = "";
}
