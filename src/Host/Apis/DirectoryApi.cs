using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.People;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// The people directory that approval roles resolve against, over HTTP. <c>POST /api/directory/import</c> takes a region
/// file or a steering-group file in the demo-data format (<c>../shared/demo-data/README.md</c>), <c>import-csv</c> a people
/// list; the checking and storing is the planning module's <see cref="DirectoryImporter"/>.
/// </summary>
public static class DirectoryApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapDirectoryApi(this RouteGroupBuilder api)
    {
        api.MapPost("/directory/import", ImportAsync).WithTags("Directory").WithName("ImportDirectory")
            .WithSummary("Imports a region or steering-group file (demo-data format); replaces the earlier import of the same dataset.");
        api.MapPost("/directory/import-csv", ImportCsvEndpointAsync).WithTags("Directory").WithName("ImportDirectoryCsv")
            .WithSummary("Imports a people list as CSV (id;firstName;lastName;email;language;organisation;title;roles;deputyId) as dataset ?dataset=…; replaces the earlier import of that dataset.");
        api.MapGet("/directory/roles", RolesAsync).WithTags("Directory").WithName("ListDirectoryRoles");
        api.MapGet("/directory/roles/{role}", ResolveAsync).WithTags("Directory").WithName("ResolveDirectoryRole");
        return api;
    }

    private static async Task<IResult> RolesAsync(PeopleDirectory directory, CancellationToken cancellationToken) =>
        Results.Ok(new { items = (await directory.RolesAsync(cancellationToken)).Select(r => new { role = r.Role, holders = r.Holders }) });

    private static async Task<IResult> ResolveAsync(string role, PeopleDirectory directory, CancellationToken cancellationToken)
    {
        var holders = await directory.ResolveAsync(role, cancellationToken);
        if (holders.Count == 0) return Results.Problem($"Nobody holds the role '{role}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        return Results.Ok(new
        {
            role,
            items = holders.Select(h => new
            {
                email = h.Member.Email, name = h.Member.Name, language = h.Member.Language,
                deputy = h.Deputy is null ? null : new { email = h.Deputy.Email, name = h.Deputy.Name, language = h.Deputy.Language },
            }),
        });
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, DirectoryImporter importer, CancellationToken cancellationToken)
    {
        JsonObject? root;
        try
        {
            root = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"The body is not valid JSON: {e.Message}"] });
        }

        if (root is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a JSON object: a region or steering-group file."] });
        return Answer(await importer.ImportAsync(root, cancellationToken));
    }

    private static async Task<IResult> ImportCsvEndpointAsync(string? dataset, HttpRequest request, DirectoryImporter importer, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        return Answer(await importer.ImportCsvAsync(dataset, await reader.ReadToEndAsync(cancellationToken), cancellationToken));
    }

    private static IResult Answer(ImportResult result) => result.Errors.Count > 0
        ? Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), title: "The file was not imported: fix these rows first.")
        : Results.Ok(new { source = result.Source, people = result.People, roles = result.Roles.Select(r => new { role = r.Role, holders = r.Holders }) });
}
