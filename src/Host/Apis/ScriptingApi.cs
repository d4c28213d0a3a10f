using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Management;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>What the Studio's JavaScript editor asks for: the declarations of a workflow's script globals.</summary>
public static class ScriptingApi
{
    /// <summary>Maps <c>POST /scripting/javascript/type-definitions/{definitionId}</c>.</summary>
    public static RouteGroupBuilder MapScriptingApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        // The Studio calls this on every click of a node with a JavaScript input; the body (activity type, property)
        // does not change the answer: the workflow's variables, inputs and every global.
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", async (string definitionId, WorkflowDefinitionService definitions, JavaScriptTypeDefinitions typeDefinitions, CancellationToken cancellationToken) =>
        {
            var definition = definitionId.Length <= 100 ? await definitions.FindAsync(definitionId, VersionOptions.Latest, cancellationToken) : null;
            return Results.Text(typeDefinitions.For(definition), "application/x-typescript", System.Text.Encoding.UTF8);
        }).WithTags("Scripting").WithName("GetJavaScriptTypeDefinitions").WithSummary("TypeScript declarations (.d.ts) of a workflow's JavaScript globals, variables and inputs.");
        return api;
    }
}
