using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Tests;

public sealed class MeetingInvitationTests
{
    private static string InviteWorkflow(bool cancelled, int sequence) => new JsonObject
    {
        ["id"] = $"invite-v{sequence}", ["definitionId"] = $"invite-{sequence}", ["name"] = $"Invite {sequence}", ["version"] = 1, ["isPublished"] = true,
        ["root"] = new JsonObject
        {
            ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "mail", ["type"] = "Elsa.SendEmail", ["version"] = 1,
                ["to"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"jäsen@kunta.example\",\"varajäsen@kunta.example\"]" } },
                ["subject"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "Kutsu: alueellisen opiskeluhuollon yhteistyöryhmän kokous 19.4.2023 (Ähtäri, Åland)" } },
                ["body"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "<p>Tervetuloa kokoukseen.</p>" } },
                ["attachments"] = new JsonObject
                {
                    ["typeName"] = "Object", ["expression"] = new JsonObject
                    {
                        ["type"] = "JavaScript",
                        ["value"] = $$"""return createMeetingInvite({ uid: 'kickoff-2023@pohde.example', sequence: {{sequence}}, cancelled: {{(cancelled ? "true" : "false")}}, title: 'Yhteistyöryhmän kokous', start: '2023-04-19T09:00:00+03:00', end: '2023-04-19T11:00:00+03:00', location: 'Oulu', organizer: 'koordinaattori@pohde.example', organizerName: 'Koordinaattori', attendees: ['jäsen@kunta.example', 'varajäsen@kunta.example'] });""",
                    }
                },
            }),
            ["connections"] = new JsonArray(),
        },
    }.ToJsonString();

    [Fact]
    public async Task Invitation_ThenCancellation_CarryIcsWithHelsinkiTimeSameUidAndHigherSequence()
    {
        await using var sink = new SmtpSink();
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        });
        await app.ImportAsync(InviteWorkflow(cancelled: false, sequence: 0));
        await app.ImportAsync(InviteWorkflow(cancelled: true, sequence: 1));
        using var client = app.Admin();

        await client.PostJsonAsync("/elsa/api/workflow-definitions/invite-0/execute", "{}");
        await client.PostJsonAsync("/elsa/api/workflow-definitions/invite-1/execute", "{}");
        await app.RunBackgroundAsync();

        // Two instances: their mails may go out in either order (the outbox keeps order within an instance); a calendar
        // client goes by the sequence number.
        Assert.Equal(2, sink.Messages.Count);
        var invite = Assert.Single(sink.Messages, m => Calendar(m).Method == "REQUEST");
        Assert.Equal("Kutsu: alueellisen opiskeluhuollon yhteistyöryhmän kokous 19.4.2023 (Ähtäri, Åland)", invite.Subject);
        Assert.Equal(["jäsen@kunta.example", "varajäsen@kunta.example"], invite.To.Mailboxes.Select(m => m.Address));
        var request = Calendar(invite);
        Assert.Equal("REQUEST", request.Method);
        var meeting = Assert.Single(request.Events);
        Assert.Equal("kickoff-2023@pohde.example", meeting.Uid);
        Assert.Equal(0, meeting.Sequence);
        Assert.Equal("Europe/Helsinki", meeting.DtStart!.TzId);
        Assert.Equal(new DateTime(2023, 4, 19, 9, 0, 0), meeting.DtStart.Value);
        Assert.Equal(["mailto:jäsen@kunta.example", "mailto:varajäsen@kunta.example"], meeting.Attendees.Select(a => a.Value!.ToString()));
        Assert.Contains(request.TimeZones, z => z.TzId == "Europe/Helsinki");

        var cancel = Calendar(Assert.Single(sink.Messages, m => m != invite));
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal("kickoff-2023@pohde.example", cancel.Events.Single().Uid);
        Assert.Equal(1, cancel.Events.Single().Sequence);
    }

    private static Ical.Net.Calendar Calendar(MimeKit.MimeMessage message)
    {
        var part = message.BodyParts.OfType<MimeKit.MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(stream.ToArray()))!;
    }

    [Theory]
    [InlineData("sv", "Påminnelse: tidsfrist fre 17.11.2023 – utlåtande om planen", "fredag 17.11.2023 kl. 14.00")]
    [InlineData("fi", "Muistutus: määräaika pe 17.11.2023 – lausunto suunnitelmasta", "perjantaina 17.11.2023 klo 14.00")]
    public async Task TemplatedReminder_InRecipientsLanguage_ArrivesWithLocalDateFormat(string language, string subject, string when)
    {
        await using var sink = new SmtpSink();
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
        });
        var title = language == "sv" ? "utlåtande om planen" : "lausunto suunnitelmasta";
        var script = $$"""const m = renderMailTemplate('reminder', getInput('Language'), { title: '{{title}}', deadline: '2023-11-17T14:00:00+02:00', recipientName: 'Åsa Öberg', coordinatorName: 'Kaisa K', coordinatorTitle: 'suunnittelija' });""";
        var workflow = new JsonObject
        {
            ["id"] = "tpl-v1", ["definitionId"] = "tpl", ["name"] = "Templated", ["version"] = 1, ["isPublished"] = true,
            ["inputs"] = new JsonArray(new JsonObject { ["name"] = "Language", ["type"] = "String" }),
            ["root"] = new JsonObject
            {
                ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
                ["activities"] = new JsonArray(new JsonObject
                {
                    ["id"] = "mail", ["type"] = "Elsa.SendEmail", ["version"] = 1,
                    ["to"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"asa@kommun.example\"]" } },
                    ["subject"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script + " return m.subject;" } },
                    ["body"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script + " return m.body;" } },
                }),
                ["connections"] = new JsonArray(),
            },
        }.ToJsonString();
        await app.ImportAsync(workflow);
        using var client = app.Admin();

        await client.PostJsonAsync("/elsa/api/workflow-definitions/tpl/execute", new JsonObject { ["input"] = new JsonObject { ["Language"] = language } });
        await app.RunBackgroundAsync();

        var message = Assert.Single(sink.Messages);
        Assert.Equal(subject, message.Subject);
        Assert.Contains(when, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Åsa Öberg", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(" Åsa Öberg,</p>", message.HtmlBody, StringComparison.Ordinal); // letters as they are, in the salutation
    }
}
