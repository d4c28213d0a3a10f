using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Values;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>Descriptors Elsa Studio reads to build its toolbox and property panels.</summary>
public static class DescriptorsApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapDescriptorsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/descriptors").WithTags("Descriptors");
        group.MapGet("/activities", (ActivityRegistry registry) => List(registry.All.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.TypeName).ThenBy(d => d.Version).ToList())).WithName("ListActivityDescriptors");
        group.MapGet("/activities/{typeName}", GetActivity).WithName("GetActivityDescriptor");
        group.MapPost("/activities/{typeName}/options/{propertyName}", () => TypedResults.Ok(new InputOptionsResponse(new JsonObject()))).WithName("GetActivityInputOptions");
        group.MapGet("/expression-descriptors", () => List(ExpressionDescriptors)).WithName("ListExpressionDescriptors");
        group.MapGet("/variables", () => List(TypeAliases.VariableTypes.Select(t => new VariableTypeDescriptor(t.TypeName, t.TypeName, t.Category, null)).ToList())).WithName("ListVariableTypes");
        group.MapGet("/storage-drivers", () => List(StorageDrivers)).WithName("ListStorageDrivers");
        group.MapGet("/incident-strategies", () => List(IncidentStrategies)).WithName("ListIncidentStrategies");
        group.MapGet("/workflow-activation-strategies", () => List(ActivationStrategies)).WithName("ListActivationStrategies");
        group.MapGet("/log-persistence-strategies", () => List(LogPersistenceStrategies)).WithName("ListLogPersistenceStrategies");
        group.MapGet("/commit-strategies/workflows", () => List(WorkflowCommitStrategies)).WithName("ListWorkflowCommitStrategies");
        group.MapGet("/commit-strategies/activities", () => List(ActivityCommitStrategies)).WithName("ListActivityCommitStrategies");
        group.MapGet("/output-converters", () => List(Array.Empty<JsonObject>())).WithName("ListOutputConverters");
        api.MapGet("/features/installed", () => List(Array.Empty<JsonObject>())).WithTags("Features").WithName("ListInstalledFeatures");
        api.MapGet("/package/version", () => TypedResults.Ok(new PackageVersionResponse("3.8.0"))).WithTags("Features").WithName("GetPackageVersion");
        api.MapGet("/workflow-contexts/provider-descriptors", () => List(Array.Empty<JsonObject>())).WithTags("Descriptors").WithName("ListWorkflowContextProviders");
        return api;
    }

    private static Ok<ListResponse<T>> List<T>(IReadOnlyList<T> items) => TypedResults.Ok(new ListResponse<T>(items, items.Count));

    private static Results<Ok<ActivityDescriptor>, ProblemHttpResult> GetActivity(string typeName, int? version, ActivityRegistry registry) =>
        registry.Find(typeName, version) is { } activity
            ? TypedResults.Ok(activity.Descriptor)
            : WorkflowDefinitionsApi.NotFound($"Activity type '{typeName}' was not found.");

    private static readonly ExpressionDescriptor[] ExpressionDescriptors =
    [
        new("Literal", "Literal", true, false, new() { ["MonacoLanguage"] = "" }),
        new("Object", "Object", true, false, new() { ["MonacoLanguage"] = "json" }),
        new("Json", "Json", true, false, new() { ["MonacoLanguage"] = "json" }),
        new("Variable", "Variable", true, true, []),
        new("Input", "Input", true, true, []),
        new("JavaScript", "JavaScript", true, true, new() { ["MonacoLanguage"] = "javascript" }),
        new("Liquid", "Liquid", true, true, new() { ["MonacoLanguage"] = "liquid" }),
    ];

    private static readonly StorageDriverDescriptor[] StorageDrivers =
    [
        new("Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core", "Workflow Instance", 5, false),
        new("Elsa.Workflows.MemoryStorageDriver, Elsa.Workflows.Core", "Memory", 0, false),
        new("Elsa.Workflows.Services.WorkflowStorageDriver, Elsa.Workflows.Core", "Workflow", -1, true),
    ];

    private static readonly TypedDescriptor[] IncidentStrategies =
    [
        new("Elsa.Workflows.IncidentStrategies.FaultStrategy, Elsa.Workflows.Core", "Fault", "The workflow faults when an activity faults."),
        new("Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core", "Continue with incidents", "Other branches continue when an activity faults."),
    ];

    private static readonly TypedDescriptor[] ActivationStrategies = [.. Workflows.Runtime.ActivationStrategy.All.Select(s => new TypedDescriptor(s.TypeName, s.DisplayName, s.Description))];

    private static readonly TypedDescriptor[] LogPersistenceStrategies =
    [
        new("Elsa.Workflows.LogPersistence.Strategies.Include, Elsa.Workflows.Core", "Include", "Keep the values in the journal and the activity records."),
        new("Elsa.Workflows.LogPersistence.Strategies.Exclude, Elsa.Workflows.Core", "Exclude", "Leave the values out of the journal and the activity records (personal data)."),
        new("Elsa.Workflows.LogPersistence.Strategies.Inherit, Elsa.Workflows.Core", "Inherit", "As the activity or workflow around it says (the default: Include)."),
    ];

    private static readonly NamedDescriptor[] WorkflowCommitStrategies =
    [
        new("WorkflowExecuted", "Workflow executed", "Commit once at the end of every burst (this engine always does)."),
    ];

    private static readonly NamedDescriptor[] ActivityCommitStrategies =
    [
        new("Executed", "Executed", "Commit with the burst."),
    ];
}
