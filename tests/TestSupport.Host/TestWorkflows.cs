using System.Text.Json.Nodes;

namespace Opiskeluhuolto.TestSupport.Host;

/// <summary>Small workflows several test projects start.</summary>
public static class TestWorkflows
{
    /// <summary>
    /// <c>meet</c>: invites a Swedish-speaking member with a deputy and a Finnish-speaking member to "Yhteistyöryhmän
    /// kokous" (Samarbetsgruppens möte) at <paramref name="startsAt"/>, two hours, in Jyväskylä.
    /// </summary>
    public static string Meeting(DateTimeOffset startsAt) => new JsonObject
    {
        ["id"] = "meet-v1", ["definitionId"] = "meet", ["name"] = "Meet", ["version"] = 1, ["isPublished"] = true,
        ["root"] = new JsonObject
        {
            ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "invite", ["type"] = "Opiskeluhuolto.InviteToMeetings", ["version"] = 1,
                ["meetings"] = new JsonObject
                {
                    ["typeName"] = "Object",
                    ["expression"] = new JsonObject
                    {
                        ["type"] = "Object",
                        ["value"] = new JsonArray(new JsonObject
                        {
                            ["id"] = "mtg-1", ["title"] = new JsonObject { ["fi"] = "Yhteistyöryhmän kokous", ["sv"] = "Samarbetsgruppens möte" },
                            ["startsAt"] = startsAt.ToString("O"), ["endsAt"] = startsAt.AddHours(2).ToString("O"), ["location"] = "Jyväskylä",
                            ["invitees"] = new JsonArray(
                                new JsonObject { ["email"] = "ledamot@kommun.example", ["name"] = "Åsa Ledamot", ["language"] = "sv", ["deputy"] = new JsonObject { ["email"] = "ersattare@kommun.example", ["language"] = "sv" } },
                                new JsonObject { ["email"] = "jasen@kunta.example", ["language"] = "fi" }),
                        }).ToJsonString(),
                    },
                },
            }),
            ["connections"] = new JsonArray(),
        },
    }.ToJsonString();
}
