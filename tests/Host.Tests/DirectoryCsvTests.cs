using System.Net;
using System.Text;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>People lists as CSV: every row checked first, errors name the row and column, nothing half-imported, no formulas.</summary>
public sealed class DirectoryCsvTests
{
    private const string Valid = """
        id;firstName;lastName;email;language;organisation;title;roles;deputyId
        p-01;Kirsi;Lampinen;kirsi.lampinen@example.fi;fi;Keski-Suomen hyvinvointialue;palvelujohtaja;cooperationGroupMember|chair;p-02
        p-02;Juha;Kauppinen;juha.kauppinen@example.fi;fi;Keski-Suomen hyvinvointialue;palvelupäällikkö;;
        p-03;"Holmström; Erik";;erik.holmstrom@example.fi;sv;Yksityiskoulu Koivurinne;rektor;cooperationGroupMember;
        """;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Csv_RowErrorsNameRowAndColumn_NothingStored_ThenValidFileResolvesRolesWithDeputies()
    {
        await using var app = new TestApp();
        using var admin = app.Admin();
        var broken = Valid
            .Replace("juha.kauppinen@example.fi", "juha.kauppinen(at)example.fi", StringComparison.Ordinal)
            .Replace(";palvelujohtaja;", ";=HYPERLINK(\"http://evil.example\");", StringComparison.Ordinal)
            .Replace("cooperationGroupMember;", "cooperationGroupMember;p-99", StringComparison.Ordinal) + "\np-01;Toinen;Kirsi;toinen@example.fi;fi;;;;";

        var refused = await admin.PostAsync("/api/directory/import-csv?dataset=ks-henkilot", Csv(broken));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.JsonAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("lines[3].email"), string.Join(", ", errors.Select(e => e.Key)));
        Assert.Contains(errors, e => e.Key.EndsWith(".title", StringComparison.Ordinal) && e.Value!.ToJsonString().Contains("formula", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key.EndsWith(".deputyId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key.EndsWith(".id", StringComparison.Ordinal) && e.Value!.ToJsonString().Contains("twice", StringComparison.Ordinal));
        Assert.Empty((await (await admin.GetAsync("/api/directory/roles")).JsonAsync())["items"]!.AsArray());

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/directory/import-csv?dataset=Ei Kelpaa", Csv(Valid))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/directory/import-csv?dataset=x", Csv("nimi;sähköposti\nA;a@example.fi"))).StatusCode);

        var imported = await admin.PostAsync("/api/directory/import-csv?dataset=ks-henkilot", Csv(Valid));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(3, (await imported.JsonAsync())["people"]!.GetValue<int>());
        var members = await (await admin.GetAsync("/api/directory/roles/cooperationGroupMember")).JsonAsync();
        Assert.Equal(2, members["items"]!.AsArray().Count);
        var kirsi = members["items"]!.AsArray().Single(i => i!["email"]!.GetValue<string>() == "kirsi.lampinen@example.fi")!;
        Assert.Equal("juha.kauppinen@example.fi", kirsi["deputy"]!["email"]!.GetValue<string>());
        var erik = members["items"]!.AsArray().Single(i => i!["email"]!.GetValue<string>() == "erik.holmstrom@example.fi")!;
        Assert.Equal("Holmström; Erik", erik["name"]!.GetValue<string>());
        Assert.Equal("sv", erik["language"]!.GetValue<string>());

        // Comma-separated works too, and a new import of the same dataset replaces it completely.
        var again = await admin.PostAsync("/api/directory/import-csv?dataset=ks-henkilot", Csv("id,email,roles\np-09,uusi@example.fi,chair"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/directory/roles/cooperationGroupMember")).StatusCode);
        Assert.Equal("uusi@example.fi", (await (await admin.GetAsync("/api/directory/roles/chair")).JsonAsync())["items"]![0]!["email"]!.GetValue<string>());
    }
}
