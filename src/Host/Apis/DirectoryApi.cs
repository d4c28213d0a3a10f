using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// The people directory that approval roles resolve against. <c>POST /api/directory/import</c> takes a region file or a
/// steering-group file in the demo-data format (<c>../shared/demo-data/README.md</c>): every row is checked first, errors
/// name the field (<c>people[3].email</c>), and the import replaces the earlier import of the same dataset in one
/// transaction, so nothing is ever half-imported.
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

    private static async Task<IResult> ImportAsync(HttpRequest request, PeopleDirectory directory, TimeProvider time, CancellationToken cancellationToken)
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
        var result = await ImportRootAsync(root, directory, time.GetUtcNow(), cancellationToken);
        if (result.Errors.Count > 0)
            return Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), title: "The file was not imported: fix these rows first.");
        return Results.Ok(new
        {
            source = result.Source,
            people = result.People,
            roles = result.Roles.Select(r => new { role = r.Role, holders = r.Holders }),
        });
    }

    private static async Task<IResult> ImportCsvEndpointAsync(string? dataset, HttpRequest request, PeopleDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var result = await ImportCsvAsync(dataset, await reader.ReadToEndAsync(cancellationToken), directory, time.GetUtcNow(), cancellationToken);
        if (result.Errors.Count > 0)
            return Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), title: "The file was not imported: fix these rows first.");
        return Results.Ok(new { source = result.Source, people = result.People, roles = result.Roles.Select(r => new { role = r.Role, holders = r.Holders }) });
    }

    /// <summary>Checks every row of a people CSV and, when all are valid, replaces dataset <paramref name="dataset"/> in one transaction.</summary>
    public static async Task<ImportResult> ImportCsvAsync(string? dataset, string text, PeopleDirectory directory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (dataset is not { Length: > 0 and <= 100 } || !dataset.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            return new ImportResult(dataset ?? "", 0, [], new Dictionary<string, string[]> { ["dataset"] = ["Name the dataset: 1–100 characters a–z, 0–9 and - (e.g. esimerkkila-henkilot)."] });
        var csv = PeopleCsv.Read(text);
        if (csv.Errors.Count > 0) return new ImportResult(dataset, 0, [], csv.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        if (await directory.DatasetAsync(dataset, cancellationToken) is { Kind: not "people" } existing)
            return new ImportResult(dataset, 0, [], new Dictionary<string, string[]> { ["dataset"] = [$"'{dataset}' is a {existing.Kind} file; choose another name for the people list."] });
        var row = new DirectoryDataset { Source = dataset, Kind = "people", Name = dataset, ImportedAt = now, Json = csv.Rows.ToJsonString() };
        await directory.ReplaceAsync(dataset, csv.People, csv.Roles, row, cancellationToken);
        return new ImportResult(dataset, csv.People.Count, [.. csv.Roles.GroupBy(r => r.Role).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))], new Dictionary<string, string[]>(), "people");
    }

    /// <summary>What an import did, or the errors per field (then nothing was stored).</summary>
    public sealed record ImportResult(string Source, int People, IReadOnlyList<(string Role, int Holders)> Roles, IReadOnlyDictionary<string, string[]> Errors, string Kind = "");

    /// <summary>Checks every row of a region or steering-group file and, when all are valid, replaces that dataset in one transaction.</summary>
    public static async Task<ImportResult> ImportRootAsync(JsonObject root, PeopleDirectory directory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var import = new DirectoryImport(root);
        import.Read();
        if (import.Errors.Count > 0) return new ImportResult(import.Source, 0, [], import.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        var dataset = import.Dataset(now);
        await directory.ReplaceAsync(import.Source, import.People, import.Roles, dataset, cancellationToken);
        return new ImportResult(import.Source, import.People.Count,
            [.. import.Roles.GroupBy(r => r.Role).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))], new Dictionary<string, string[]>(), dataset.Kind);
    }

    /// <summary>
    /// Imports every demo-data file shipped in <c>DemoData/</c> next to the application (start with
    /// <c>--Demo:Load=true</c>); returns the dataset ids imported.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ImportDemoDataAsync(PeopleDirectory directory, string folder, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var imported = new List<string>();
        if (!Directory.Exists(folder)) return imported;
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var result = await ImportRootAsync(JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken))!.AsObject(), directory, time.GetUtcNow(), cancellationToken);
            if (result.Errors.Count > 0)
                throw new InvalidOperationException($"Demo data file {Path.GetFileName(file)} is invalid: {string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}");
            imported.Add(result.Source);
        }

        return imported;
    }

    /// <summary>Reads and checks one file; collects every error before anything is stored.</summary>
    private sealed class DirectoryImport(JsonObject root)
    {
        public Dictionary<string, List<string>> Errors { get; } = [];

        public string Source { get; private set; } = "";

        public List<DirectoryPerson> People { get; } = [];

        public List<DirectoryRole> Roles { get; } = [];

        private readonly Dictionary<string, string> _organisations = [];

        private void Error(string field, string message)
        {
            if (!Errors.TryGetValue(field, out var list)) Errors[field] = list = [];
            list.Add(message);
        }

        /// <summary>The file to keep, for starting cycles from it.</summary>
        public DirectoryDataset Dataset(DateTimeOffset now) => new()
        {
            Source = Source,
            Kind = root["cooperationGroup"] is JsonObject ? "region" : "steeringGroup",
            Name = Text(root["region"]?["nameFi"]) ?? Text(root["steeringGroup"]?["nameFi"]),
            ImportedAt = now,
            Json = root.ToJsonString(),
        };

        private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

        public void Read()
        {
            Source = Text(root["dataset"]?["id"]) ?? "";
            if (Source.Length is 0 or > 100) Error("dataset.id", "Required: the dataset id (at most 100 characters) that names this import.");
            ReadOrganisations();
            ReadPeople();
            if (root["cooperationGroup"] is JsonObject group) ReadCooperationGroup(group);
            else if (root["steeringGroup"] is JsonObject steering) ReadSteeringGroup(steering);
            else Error("cooperationGroup", "The file has neither a cooperationGroup (region file) nor a steeringGroup (steering-group file).");
        }

        private void ReadOrganisations()
        {
            if (root["organisations"] is not JsonArray organisations) return;
            for (var i = 0; i < organisations.Count; i++)
            {
                if (Text(organisations[i]?["id"]) is { } id) _organisations[id] = Text(organisations[i]?["nameFi"]) ?? id;
            }
        }

        private void ReadPeople()
        {
            if (root["people"] is not JsonArray people || people.Count == 0)
            {
                Error("people", "Required: a non-empty list of people.");
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < people.Count; i++)
            {
                var p = people[i];
                var id = Text(p?["id"]);
                var email = Text(p?["email"]);
                var language = Text(p?["language"]) ?? "fi";
                if (id is null || id.Length > 100) Error($"people[{i}].id", "Required (at most 100 characters).");
                else if (!seen.Add(id)) Error($"people[{i}].id", $"Duplicate id '{id}'.");
                if (email is null || email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
                    Error($"people[{i}].email", $"Not an e-mail address: '{email}'.");
                if (language is not ("fi" or "sv" or "en")) Error($"people[{i}].language", $"Use fi, sv or en, not '{language}'.");
                if (id is null || email is null) continue;
                var name = string.Join(' ', new[] { Text(p?["firstName"]), Text(p?["lastName"]) }.OfType<string>());
                People.Add(new DirectoryPerson
                {
                    Id = id, Email = email, Language = language, Name = name.Length == 0 ? null : name, Title = Text(p?["titleFi"]),
                    Organisation = Text(p?["organisationId"]) is { } org ? _organisations.GetValueOrDefault(org, org) : null,
                });
            }
        }

        private bool Known(string? id) => id is not null && People.Any(p => p.Id == id);

        private void Role(string role, string field, string? personId, string? deputyId = null, string? description = null)
        {
            if (!Known(personId))
            {
                Error(field, $"Refers to an unknown person '{personId}'.");
                return;
            }

            if (deputyId is not null && !Known(deputyId))
            {
                Error(field, $"Refers to an unknown deputy '{deputyId}'.");
                return;
            }

            Roles.Add(new DirectoryRole { Role = role, PersonId = personId!, DeputyPersonId = deputyId, Description = description });
        }

        private void ReadCooperationGroup(JsonObject group)
        {
            var chair = Text(group["chairPersonId"]);
            var vice = Text(group["viceChairPersonId"]);
            var secretary = Text(group["secretaryPersonId"]);
            if (chair is not null) Role("chair", "cooperationGroup.chairPersonId", chair, vice, "Puheenjohtaja");
            if (vice is not null) Role("viceChair", "cooperationGroup.viceChairPersonId", vice, null, "Varapuheenjohtaja");
            if (secretary is not null)
            {
                Role("secretary", "cooperationGroup.secretaryPersonId", secretary, null, "Sihteeri");
                Role("coordinator", "cooperationGroup.secretaryPersonId", secretary, null, "Koordinaattori / valmistelija");
            }

            if (group["seats"] is not JsonArray seats || seats.Count == 0)
            {
                Error("cooperationGroup.seats", "Required: the group's seats.");
                return;
            }

            for (var i = 0; i < seats.Count; i++)
            {
                var seat = seats[i];
                var member = Text(seat?["memberPersonId"]);
                var deputy = Text(seat?["deputyPersonId"]);
                var description = Text(seat?["roleFi"]);
                Role("cooperationGroupMember", $"cooperationGroup.seats[{i}].memberPersonId", member, deputy, description);
                if (Text(seat?["category"]) is { } category) Role($"cooperationGroup:{category}", $"cooperationGroup.seats[{i}].memberPersonId", member, deputy, description);
            }
        }

        private void ReadSteeringGroup(JsonObject steering)
        {
            var byRole = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            void Members(JsonNode? node, string path, params string[] groupRoles)
            {
                if (node is not JsonArray members) return;
                for (var i = 0; i < members.Count; i++)
                {
                    var roleId = Text(members[i]?["roleId"]);
                    if (roleId is null)
                    {
                        Error($"{path}[{i}].roleId", "Required.");
                        continue;
                    }

                    var ids = members[i]?["personIds"] as JsonArray ?? [];
                    for (var j = 0; j < ids.Count; j++)
                    {
                        var id = Text(ids[j]);
                        foreach (var groupRole in groupRoles) Role(groupRole, $"{path}[{i}].personIds[{j}]", id, null, Text(members[i]?["roleFi"]));
                        Role($"steeringGroup:{roleId}", $"{path}[{i}].personIds[{j}]", id, null, Text(members[i]?["roleFi"]));
                        if (id is not null) (byRole.TryGetValue(roleId, out var list) ? list : byRole[roleId] = []).Add(id);
                    }
                }
            }

            if (steering["members"] is not JsonArray { Count: > 0 }) Error("steeringGroup.members", "Required: the steering group's members.");
            Members(steering["members"], "steeringGroup.members", "steeringGroupMember", "extendedNetwork");
            Members(root["extendedNetwork"]?["extraMembers"], "extendedNetwork.extraMembers", "extendedNetwork");
            if (root["workingCommittee"]?["memberRoleIds"] is JsonArray committee)
            {
                foreach (var roleId in committee.Select(Text).OfType<string>())
                {
                    foreach (var id in byRole.GetValueOrDefault(roleId) ?? []) Role("workingCommittee", "workingCommittee.memberRoleIds", id, null, roleId);
                }
            }
        }
    }
}
