using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using static Opiskeluhuolto.Host.Tests.ApprovalFlowTests;

namespace Opiskeluhuolto.Host.Tests;

// A participant's calendar feed, reached from the task inbox: their deadlines (moving with the coordinator's changes)
// and meetings, in Europe/Helsinki with its VTIMEZONE; stopped from the inbox, its token is refused.
public sealed partial class PlanningCycleTests
{
    [Fact]
    public async Task TheCalendarFeed_ListsTheDeadline_FollowsAMove_AndStopsWhenAsked()
    {
        var (replay, id) = await StartKeskiSuomiAsync();
        await using var _ = replay;
        await replay.RunUntilAsync(new DateTimeOffset(2023, 2, 21, 12, 0, 0, TimeSpan.Zero));
        var request = replay.Sink.Messages.First(m => m.To.Mailboxes.Any(b => b.Address == "eeva.salminen@example.fi"));
        var inbox = new Uri(WebUtility.HtmlDecode(InboxHref().Match(request.HtmlBody!).Groups[1].Value)).PathAndQuery;
        var page = WebUtility.HtmlDecode(await replay.Browser.GetStringAsync(inbox));
        var feed = new Uri(FeedHref().Match(page).Groups[1].Value).PathAndQuery;

        var ics = await replay.Browser.GetAsync(feed);
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var text = await ics.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VTIMEZONE", text, StringComparison.Ordinal);
        Assert.Contains("TZID:Europe/Helsinki", text, StringComparison.Ordinal);
        var dashboard = await replay.DashboardAsync(id);
        var open = dashboard["openRequests"]!.AsArray().Single(r => r!["seats"]!.AsArray().Any(s => s!["email"]!.GetValue<string>() == "eeva.salminen@example.fi"))!;
        var due = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(open["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), replay.Calendar.TimeZone);
        Assert.Contains($"DTEND;TZID=Europe/Helsinki:{due:yyyyMMdd'T'HHmmss}", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Määräaika: ", text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await replay.Admin.PostJsonAsync($"/api/cycles/{id}/requests/{open["requestId"]}/extend", new JsonObject { ["dueAt"] = "2023-04-14" })).StatusCode);
        Assert.Contains("DTEND;TZID=Europe/Helsinki:20230414T160000", await replay.Browser.GetStringAsync(feed), StringComparison.Ordinal);

        var fields = Hidden().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var stopped = await replay.Browser.PostAsync("/approvals/calendar/stop", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await replay.Browser.GetAsync(feed)).StatusCode);
        Assert.DoesNotContain("feed-link", await replay.Browser.GetStringAsync(inbox), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await replay.Browser.GetAsync("/approvals/calendar.ics?t=forged")).StatusCode);
    }

    [Fact]
    public async Task TheCoordinatorsCycleFeed_ListsPhasesRequestsAndMeetings_UntilItsFeedsAreStopped()
    {
        var (replay, id) = await StartKeskiSuomiAsync();
        await using var _ = replay;
        await replay.RunUntilAsync(new DateTimeOffset(2023, 2, 21, 12, 0, 0, TimeSpan.Zero));
        var services = replay.App.Services;
        string Address() => new Uri(Coordinator.CycleFeedPages.Address(services.GetRequiredService<Approvals.ApprovalLinks>(),
            services.GetRequiredService<Infrastructure.PublicBaseUrl>(), replay.App.Time, id, "fi")).PathAndQuery;
        var feed = Address();

        var ics = await replay.Browser.GetAsync(feed);
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var text = await ics.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VTIMEZONE", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Määräaika: Lausuntokierros", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Opiskeluhuollon kuntakierros 1/8", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Määräaika: Nimeä yhteistyöryhmän jäsenet", text, StringComparison.Ordinal); // the open request

        var dashboard = await replay.DashboardAsync(id);
        var open = dashboard["openRequests"]!.AsArray()[0]!;
        Assert.Equal(HttpStatusCode.NoContent, (await replay.Admin.PostJsonAsync($"/api/cycles/{id}/requests/{open["requestId"]}/extend", new JsonObject { ["dueAt"] = "2023-04-14" })).StatusCode);
        Assert.Contains("DTEND;TZID=Europe/Helsinki:20230414T160000", await replay.Browser.GetStringAsync(feed), StringComparison.Ordinal);

        await Coordinator.CycleFeedPages.StopAsync(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Workflows.Persistence.WorkflowsDbContext>>(), replay.App.Time, id, "eeva", CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, (await replay.Browser.GetAsync(feed)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await replay.Browser.GetAsync("/coordinator/calendar.ics?t=forged")).StatusCode);
        replay.App.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await replay.Browser.GetAsync(Address())).StatusCode); // a new address after the stop works
    }

    [GeneratedRegex(@"href=""(https://opiskeluhuolto\.test/approvals/inbox\?t=[^""]+)""")]
    private static partial Regex InboxHref();

    [GeneratedRegex(@"<a href=""([^""]+/approvals/calendar\.ics\?t=[^""]+)"" class=""feed-link""")]
    private static partial Regex FeedHref();

    [GeneratedRegex(@"<input type=""hidden"" name=""([^""]+)"" value=""([^""]*)""")]
    private static partial Regex Hidden();
}
