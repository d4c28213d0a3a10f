using Opiskeluhuolto.Planning.People;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>Reads the people an activity addresses (approvers, invitees) from its input.</summary>
public static class AssigneeReader
{
    /// <summary>
    /// Reads people from an input value: e-mail strings, person objects (<c>email</c>, <c>name</c>, <c>language</c>,
    /// <c>organisation</c>, <c>deputy</c>) or roles (<c>{"role": …}</c>, <c>"role:…"</c>) resolved in the people directory.
    /// Duplicates (same address) are dropped; <paramref name="activity"/> names the activity in error messages.
    /// </summary>
    public static async Task<List<(ApprovalPerson Member, ApprovalPerson? Deputy)>> ReadAsync(object? value, PeopleDirectory? directory, string activity)
    {
        var list = value switch
        {
            List<object?> l => l,
            IDictionary<string, object?> one => [one],
            string s when s.Contains('@', StringComparison.Ordinal) || s.StartsWith(RolePrefix, StringComparison.OrdinalIgnoreCase) =>
                s.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Cast<object?>().ToList(),
            _ => [],
        };
        var people = new List<(ApprovalPerson Member, ApprovalPerson? Deputy)>();
        foreach (var item in list)
        {
            var role = item switch
            {
                string s when s.StartsWith(RolePrefix, StringComparison.OrdinalIgnoreCase) => s[RolePrefix.Length..].Trim(),
                IDictionary<string, object?> d when Member(d, "email") is null && Member(d, "role") is string r => r.Trim(),
                _ => null,
            };
            if (role is null)
            {
                if (Person(item) is { } person) people.Add(person);
                continue;
            }

            if (directory is null) throw new InvalidOperationException($"{activity}: the role '{role}' cannot be resolved because no people directory is configured.");
            var holders = await directory.ResolveAsync(role);
            if (holders.Count == 0) throw new InvalidOperationException($"{activity}: nobody holds the role '{role}' in the people directory. Import the region's people or name the assignees by e-mail.");
            people.AddRange(holders);
        }

        return people.DistinctBy(p => p.Member.Email.Trim().ToUpperInvariant()).ToList();
    }

    private const string RolePrefix = "role:";

    /// <summary>One person (an e-mail string or a person object with an optional deputy); null when there is no valid address.</summary>
    public static (ApprovalPerson Member, ApprovalPerson? Deputy)? Person(object? value)
    {
        switch (value)
        {
            case string email when email.Contains('@', StringComparison.Ordinal):
                return (new ApprovalPerson { Email = email }, null);
            case IDictionary<string, object?> d when Member(d, "email") is string email && email.Contains('@', StringComparison.Ordinal):
                var person = new ApprovalPerson
                {
                    Email = email, Name = Member(d, "name") as string, Language = Language(Member(d, "language")), Organisation = Member(d, "organisation") as string,
                    EscalateTo = Member(d, "escalateTo") is string e && e.Contains('@', StringComparison.Ordinal) ? e : null,
                };
                var deputy = Member(d, "deputy") is IDictionary<string, object?> dd && Member(dd, "email") is string de && de.Contains('@', StringComparison.Ordinal)
                    ? new ApprovalPerson { Email = de, Name = Member(dd, "name") as string, Language = Language(Member(dd, "language") ?? person.Language), Organisation = Member(dd, "organisation") as string ?? person.Organisation }
                    : null;
                return (person, deputy);
            default:
                return null;
        }
    }

    private static string Language(object? value) => value is string l && l is "fi" or "sv" or "en" ? l : "fi";

    /// <summary>A member of a dictionary read from JSON, by case-insensitive name.</summary>
    internal static object? Member(IDictionary<string, object?> d, string name) =>
        d.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
