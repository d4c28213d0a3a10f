using System.Net.Mail;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Planning.People;

/// <summary>Reads and checks one file; collects every error before anything is stored.</summary>
internal sealed class DirectoryFileReader(JsonObject root)
{
    public ImportErrors Errors { get; } = new();

    public string Source { get; private set; } = "";

    public List<DirectoryPerson> People { get; } = [];

    public List<DirectoryRole> Roles { get; } = [];

    private readonly Dictionary<string, string> _organisations = [];

    private void Error(string field, string code, params object?[] args) => Errors.Add(field, code, args);

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
        if (Source.Length is 0 or > 100) Error("dataset.id", "import.datasetId");
        ReadOrganisations();
        ReadPeople();
        if (root["cooperationGroup"] is JsonObject group) ReadCooperationGroup(group);
        else if (root["steeringGroup"] is JsonObject steering) ReadSteeringGroup(steering);
        else Error("cooperationGroup", "import.noGroup");
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
            Error("people", "import.people");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            var id = Text(p?["id"]);
            var email = Text(p?["email"]);
            var language = Text(p?["language"]) ?? "fi";
            if (id is null || id.Length > 100) Error($"people[{i}].id", "import.personId");
            else if (!seen.Add(id)) Error($"people[{i}].id", "import.duplicateId", id);
            if (email is null || email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
                Error($"people[{i}].email", "import.email", email);
            if (language is not ("fi" or "sv" or "en")) Error($"people[{i}].language", "import.language", language);
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
            Error(field, "import.unknownPerson", personId);
            return;
        }

        if (deputyId is not null && !Known(deputyId))
        {
            Error(field, "import.unknownDeputy", deputyId);
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
            Error("cooperationGroup.seats", "import.seats");
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
                    Error($"{path}[{i}].roleId", "import.required");
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

        if (steering["members"] is not JsonArray { Count: > 0 }) Error("steeringGroup.members", "import.steeringMembers");
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
