namespace Opiskeluhuolto.Host.Apis;

/// <summary>Elsa's list envelope.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, long Count);

/// <summary>The consumers of a workflow definition (<c>GET …/consumers</c>).</summary>
public sealed record ConsumersResponse(IReadOnlyList<string> ConsumingWorkflowDefinitionIds);

/// <summary>The workflows whose references were updated (<c>POST …/update-references</c>).</summary>
public sealed record UpdateReferencesResponse(IReadOnlyList<string> AffectedWorkflows);

/// <summary>The options of an activity input (<c>POST …/options/{propertyName}</c>).</summary>
public sealed record InputOptionsResponse(System.Text.Json.Nodes.JsonObject Items);

/// <summary>The Elsa package version the Studio is told (<c>GET /package/version</c>).</summary>
public sealed record PackageVersionResponse(string PackageVersion);
