using System.Globalization;
using System.Net.Mail;
using System.Text.Json.Nodes;
using nietras.SeparatedValues;

namespace Opiskeluhuolto.Planning.People;

/// <summary>
/// A people list as CSV (UTF-8, <c>;</c> or <c>,</c> separated, a header row):
/// <c>id;firstName;lastName;email;language;organisation;title;roles;deputyId</c>. <c>roles</c> holds role keys
/// separated by <c>|</c> (<c>cooperationGroupMember|chair</c>); <c>deputyId</c> names the row of the person's deputy.
/// Every row is checked first and errors name the line (the header is line 1) and column (<c>lines[3].email</c>); text that a spreadsheet
/// would run as a formula is refused.
/// </summary>
public sealed class PeopleCsv
{
    /// <summary>The columns, in the order of the template.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "firstName", "lastName", "email", "language", "organisation", "title", "roles", "deputyId"];

    /// <summary>The people read.</summary>
    public List<DirectoryPerson> People { get; } = [];

    /// <summary>Their roles.</summary>
    public List<DirectoryRole> Roles { get; } = [];

    /// <summary>Errors by field; nothing may be stored when there is any.</summary>
    public ImportErrors Errors { get; } = new();

    /// <summary>The rows as JSON (kept with the dataset).</summary>
    public JsonArray Rows { get; } = [];

    private void Error(string field, string code, params object?[] args) => Errors.Add(field, code, args);

    /// <summary>Reads and checks <paramref name="text"/>.</summary>
    public static PeopleCsv Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new PeopleCsv();
        if (string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')))
        {
            result.Error("header", "csv.empty", string.Join(';', Columns));
            return result;
        }

        // Sep detects the separator (; , tab |) from the header row and unescapes quoted values.
        using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).FromText(text.TrimStart('\uFEFF'));
        var columns = reader.Header.ColNames.Select((name, index) => (Name: name.Trim().ToLowerInvariant(), Index: index))
            .GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Index, StringComparer.Ordinal);
        foreach (var required in new[] { "id", "email" }.Where(c => !columns.ContainsKey(c.ToLowerInvariant())))
            result.Error("header", "csv.missingColumn", required, string.Join(';', Columns));
        if (result.Errors.Count > 0) return result;

        var rows = new List<(int Row, Dictionary<string, string> Values)>();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in Columns) values[column] = columns.TryGetValue(column.ToLowerInvariant(), out var i) && i < row.ColCount ? row[i].ToString() : "";
            if (values.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add((row.RowIndex + 1, values)); // the line in a spreadsheet: the header is line 1
            if (rows.Count > 5000)
            {
                result.Error("rows", "csv.tooMany");
                return result;
            }
        }

        var ids = rows.Select(r => r.Values["id"]).Where(i => i.Length > 0).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, v) in rows)
        {
            string Field(string column) => $"lines[{row}].{column}";
            var valid = true;
            void Fail(string column, string code, params object?[] args)
            {
                result.Error(Field(column), code, args);
                valid = false;
            }

            foreach (var (column, value) in v)
            {
                if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') Fail(column, "csv.formula");
                else if (value.Length > 300) Fail(column, "csv.long");
            }

            if (v["id"].Length == 0) Fail("id", "csv.id");
            else if (!seen.Add(v["id"])) Fail("id", "csv.duplicateId", v["id"]);
            if (!MailAddress.TryCreate(v["email"], out var address) || address.Address != v["email"]) Fail("email", "csv.email", v["email"]);
            if (v["language"].Length > 0 && v["language"] is not ("fi" or "sv" or "en")) Fail("language", "language.values");
            if (v["deputyId"].Length > 0 && !ids.Contains(v["deputyId"])) Fail("deputyId", "csv.deputyUnknown", v["deputyId"]);
            if (v["deputyId"].Length > 0 && v["deputyId"] == v["id"]) Fail("deputyId", "csv.deputySelf");
            var roles = v["roles"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (roles.Any(r => r.Length > 200 || r.Any(char.IsWhiteSpace))) Fail("roles", "csv.roles");
            if (!valid) continue;

            result.People.Add(new DirectoryPerson
            {
                Id = v["id"], Email = v["email"], Name = $"{v["firstName"]} {v["lastName"]}".Trim() is { Length: > 0 } n ? n : null,
                Language = v["language"] is { Length: > 0 } l ? l : "fi", Title = Blank(v["title"]), Organisation = Blank(v["organisation"]),
            });
            foreach (var role in roles) result.Roles.Add(new DirectoryRole { Role = role, PersonId = v["id"], DeputyPersonId = Blank(v["deputyId"]) });
            result.Rows.Add(new JsonObject(v.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))));
        }

        if (rows.Count == 0) result.Error("rows", "csv.noPeople");
        return result;
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
