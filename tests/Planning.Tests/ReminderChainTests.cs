using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Planning.Tests;

/// <summary>A three-week reminder chain on the fake clock: every reminder lands on a Finnish working day at 09:00 Helsinki time.</summary>
public sealed class ReminderChainTests
{
    private static readonly FinnishBusinessCalendar Calendar = new(Options.Create(new CalendarOptions()));

    private static JsonObject WaitUntil(string id, int daysBefore) => Node(id, "Elsa.StartAt", new JsonObject
    {
        ["dateTime"] = Js("DateTimeOffset", $"return reminderBefore(getInput('Deadline'), {daysBefore});"),
    });

    private static JsonObject Remind(string id, int daysBefore) => Node(id, "Elsa.SendEmail", new JsonObject
    {
        ["to"] = new JsonObject { ["typeName"] = "List<String>", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "[\"rehtori@koulu.example\"]" } },
        ["subject"] = Literal("String", $"Muistutus ({daysBefore} pv)"),
        ["body"] = Literal("String", "<p>Muistutus</p>"),
    });

    private static string ChainWorkflow() => Definition("chain", new JsonObject
    {
        ["id"] = "seq", ["type"] = "Elsa.Sequence", ["version"] = 1,
        ["activities"] = new JsonArray(WaitUntil("w21", 21), Remind("r21", 21), WaitUntil("w14", 14), Remind("r14", 14), WaitUntil("w7", 7), Remind("r7", 7), WaitUntil("w2", 2), Remind("r2", 2)),
    }, inputs: new JsonArray(new JsonObject { ["name"] = "Deadline", ["type"] = "String", ["storageDriverType"] = "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core" }));

    [Theory]
    [InlineData("2027-03-30T16:00:00+03:00")] // the day after Easter Monday 29.3.2027; the chain also crosses the DST change of 28.3.
    [InlineData("2027-06-27T12:00:00+03:00")] // two days after Midsummer Eve 25.6.2027
    [InlineData("2026-12-08T12:00:00+02:00")] // after Independence Day (Sunday 6.12.2026)
    [InlineData("2026-12-28T12:00:00+02:00")] // the 2-day reminder falls on St Stephen's Day and moves before Christmas Eve
    [InlineData("2027-11-12T12:00:00+02:00")] // starts in summer time, ends in winter time (DST 31.10.2027)
    public async Task ReminderChain_EveryReminderOnAWorkingDayAtNine(string deadline)
    {
        await using var host = await PlanningEngine.StartAsync();
        host.Time.SetUtcNow(DateTimeOffset.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture).AddDays(-30));
        await host.ImportAsync(ChainWorkflow());
        var started = await host.StartAsync("chain", new() { ["Deadline"] = deadline });
        var timers = host.Services.GetRequiredService<TimerScheduler>();
        var sentAt = new List<DateTimeOffset>();

        for (var step = 0; step < 4; step++)
        {
            var due = await timers.NextDueAsync();
            Assert.NotNull(due);
            host.Time.SetUtcNow(due.Value);
            await host.Background.RunRoundAsync();
            sentAt.Add(host.Time.GetUtcNow());
        }

        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(started.State.Id)).SubStatus);
        Assert.Equal(4, host.Services.GetRequiredService<RecordingEffects>().Of<SendEmailEffect>().Count);
        var helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        foreach (var at in sentAt)
        {
            var local = TimeZoneInfo.ConvertTime(at, helsinki);
            Assert.Equal(9, local.Hour);
            Assert.Equal(0, local.Minute);
            Assert.True(Calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)), $"{local:yyyy-MM-dd} is not a working day");
        }

        Assert.Equal(sentAt.Order(), sentAt);
    }
}

public sealed class WaitForReminderTests
{
    [Theory]
    [InlineData("2027-03-30T16:00:00+03:00", 2, true, "2027-03-24T09:00:00+02:00")] // 2 working days before: Easter Monday, the weekend and Good Friday do not count
    [InlineData("2026-12-28T12:00:00+02:00", 2, false, "2026-12-23T09:00:00+02:00")] // 26.12. is a holiday; 24.–25. too
    [InlineData("2027-06-28T12:00:00+03:00", 3, false, "2027-06-24T09:00:00+03:00")] // 25.6. is Midsummer Eve
    public async Task WaitForReminder_ComputesWorkingDayAtReminderHour(string deadline, int days, bool workingDays, string expected)
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Definition("wf", Chart(
            [Node("wait", "Opiskeluhuolto.WaitForReminder", new JsonObject
            {
                ["deadline"] = Literal("DateTimeOffset", deadline),
                ["days"] = Literal("Int32", days),
                ["workingDays"] = Literal("Boolean", workingDays),
            })],
            [])));

        var result = await host.StartAsync("wf");

        var bookmark = Assert.Single(result.Bookmarks);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimerActivityBaseDue(bookmark));
        host.Time.SetUtcNow(TimerActivityBaseDue(bookmark));
        await host.Background.RunRoundAsync();
        Assert.Equal(WorkflowSubStatus.Finished, (await host.LoadAsync(result.State.Id)).SubStatus);
    }

    private static DateTimeOffset TimerActivityBaseDue(Bookmark bookmark) => Opiskeluhuolto.Workflows.Activities.Scheduling.TimerActivityBase.DueTime(bookmark)!.Value;
}
