using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Opiskeluhuolto.Workflows.Model;

/// <summary>An Elsa 3 workflow definition version (the export/import document shape).</summary>
public sealed class WorkflowDefinition
{
    /// <summary>The export schema URL Elsa writes at the top of exported files.</summary>
    public const string SchemaUrl = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json";

    /// <summary>Informational schema marker; ignored on read.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>Version id, unique per version.</summary>
    public string Id { get; set; } = "";

    /// <summary>Logical id shared by all versions.</summary>
    public string DefinitionId { get; set; } = "";

    /// <summary>Tenant; null for the default tenant, <c>*</c> for all.</summary>
    public string? TenantId { get; set; }

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>When this version was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Version number, starting at 1.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Studio version that saved the document, e.g. 3.8.0.0.</summary>
    public string? ToolVersion { get; set; }

    /// <summary>Workflow-scoped variables.</summary>
    public List<VariableDefinition> Variables { get; set; } = [];

    /// <summary>Declared inputs.</summary>
    public List<InputDefinition> Inputs { get; set; } = [];

    /// <summary>Declared outputs.</summary>
    public List<OutputDefinition> Outputs { get; set; } = [];

    /// <summary>Custom outcomes when used as an activity.</summary>
    public List<string> Outcomes { get; set; } = [];

    /// <summary>Free-form properties.</summary>
    public JsonObject CustomProperties { get; set; } = [];

    /// <summary>Studio refuses edits when set.</summary>
    public bool IsReadonly { get; set; }

    /// <summary>Hidden system workflow.</summary>
    public bool IsSystem { get; set; }

    /// <summary>Whether this is the latest version.</summary>
    public bool IsLatest { get; set; }

    /// <summary>Whether this version is published.</summary>
    public bool IsPublished { get; set; }

    /// <summary>Workflow options.</summary>
    public WorkflowOptions Options { get; set; } = new();

    /// <summary>Obsolete top-level copy of <see cref="WorkflowOptions.UsableAsActivity"/>; read, never written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool? UsableAsActivity { get; set; }

    /// <summary>The root activity (normally an <c>Elsa.Flowchart</c>), kept as JSON so unknown members survive a round trip.</summary>
    public JsonObject? Root { get; set; }

    /// <summary>Members this model does not know; written back unchanged.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Whether the definition can be used as an activity in other workflows.</summary>
    [JsonIgnore]
    public bool IsUsableAsActivity => Options.UsableAsActivity ?? UsableAsActivity ?? false;
}
