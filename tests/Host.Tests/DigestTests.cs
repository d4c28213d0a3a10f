namespace Opiskeluhuolto.Host.Tests;

/// <summary>The shipped participant-digest workflow: a working morning's summary for everyone with several open requests.</summary>
public sealed class DigestTests
{
    [Fact]
    public async Task Digest_OnWorkingMornings_SummarisesOpenRequests_InEachPersonsLanguage_NotOnSaturday()
    {
        await using var sink = new SmtpSink();
        // The in-process trigger scheduler fires the cron trigger on the fake clock (Mon 2.11.2026 9.00 Helsinki at start).
        await using var app = new TestApp(settings: new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
            ["Timers:Backend"] = "InProcess", ["Mail:SignatureOrganisation"] = "Pohjois-Pohjanmaan hyvinvointialue", ["Mail:SignatureOrganisationSv"] = "Norra Österbottens välfärdsområde",
        });
        await app.ImportAsync(ApprovalFlowTests.Workflow);
        await app.ImportAsync(await File.ReadAllTextAsync(Path.Combine(TestApp.WorkflowsJsonFolder(), "participant-digest.json")));
        using var admin = app.Admin();
        await admin.PostJsonAsync("/elsa/api/workflow-definitions/approve-plan/execute", "{}");
        await app.RunBackgroundAsync();
        var requests = sink.Messages.Count;

        // Tuesday 9.00: each of the two people has one open request: no summary.
        app.Time.Advance(TimeSpan.FromDays(1));
        await app.RunBackgroundAsync();
        await app.RunBackgroundAsync();
        Assert.Equal(requests, sink.Messages.Count);

        // A second request to both; Wednesday 9.00 each gets one summary of the two, in their own language.
        await admin.PostJsonAsync("/elsa/api/workflow-definitions/approve-plan/execute", "{}");
        await app.RunBackgroundAsync();
        requests = sink.Messages.Count;
        app.Time.Advance(TimeSpan.FromDays(1));
        await app.RunBackgroundAsync();
        await app.RunBackgroundAsync();
        var digests = sink.Messages.Skip(requests).ToList();
        Assert.Equal(2, digests.Count);
        var fi = digests.Single(m => m.To.Mailboxes.Single().Address == "puheenjohtaja@pohde.example");
        var sv = digests.Single(m => m.To.Mailboxes.Single().Address == "ledamot@kommun.example");
        Assert.Equal("Avoimet tehtäväsi: 2 pyyntöä odottaa vastaustasi", fi.Subject);
        Assert.Equal("Dina öppna uppgifter: 2 begäranden väntar på ditt svar", sv.Subject);
        Assert.Contains("https://opiskeluhuolto.test/approvals/inbox?t=", sv.TextBody, StringComparison.Ordinal);
        Assert.Contains("Norra Österbottens välfärdsområde", sv.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, sv.TextBody!.Split('\n').Count(l => l.StartsWith("- Alueellinen opiskeluhuoltosuunnitelma 2023–2025 (beslut), senast ", StringComparison.Ordinal)));

        // Saturday: no summary, although both requests are still open (Thursday's reminders went out meanwhile).
        var sent = sink.Messages.Count;
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 6, 7, 0, 1, TimeSpan.Zero));
        await app.RunBackgroundAsync();
        sent = sink.Messages.Count;
        app.Time.SetUtcNow(new DateTimeOffset(2026, 11, 7, 7, 0, 1, TimeSpan.Zero));
        await app.RunBackgroundAsync();
        await app.RunBackgroundAsync();
        Assert.Equal(sent, sink.Messages.Count);
    }
}
