using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Planning.Calendar;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Planning.Tests;

public sealed class FinnishBusinessCalendarTests
{
    private static readonly FinnishBusinessCalendar Calendar = new(Options.Create(new CalendarOptions()));

    [Theory]
    [InlineData("2023-06-23")]
    [InlineData("2024-06-21")]
    [InlineData("2025-06-20")]
    [InlineData("2025-12-24")]
    [InlineData("2025-12-06")]
    [InlineData("2025-04-18")]
    [InlineData("2025-05-29")]
    [InlineData("2026-01-06")]
    public void IsWorkingDay_HolidayOrDayOff_IsFalse(string date) => Assert.False(Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2025-06-19")]
    [InlineData("2025-12-23")]
    [InlineData("2025-11-17")]
    public void IsWorkingDay_OrdinaryWeekday_IsTrue(string date) => Assert.True(Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void NextWorkingDay_DeadlineOnMidsummerEve_MovesToMonday() =>
        Assert.Equal(new DateOnly(2025, 6, 23), Calendar.NextWorkingDay(new DateOnly(2025, 6, 20)));

    [Fact]
    public void AddWorkingDays_AcrossChristmas_SkipsEveAndHolidays()
    {
        Assert.Equal(new DateOnly(2025, 12, 29), Calendar.AddWorkingDays(new DateOnly(2025, 12, 23), 1));
        Assert.Equal(new DateOnly(2025, 12, 23), Calendar.AddWorkingDays(new DateOnly(2025, 12, 29), -1));
    }

    [Fact]
    public void WorkingDaysBefore_IsAtNineHelsinkiTimeInSummerAndWinter()
    {
        Assert.Equal(new DateTimeOffset(2025, 6, 18, 6, 0, 0, TimeSpan.Zero), Calendar.WorkingDaysBefore(new DateTimeOffset(2025, 6, 23, 12, 0, 0, TimeSpan.FromHours(3)), 2));
        Assert.Equal(new DateTimeOffset(2023, 11, 15, 7, 0, 0, TimeSpan.Zero), Calendar.WorkingDaysBefore(new DateTimeOffset(2023, 11, 17, 12, 0, 0, TimeSpan.FromHours(2)), 2));
    }

    [Fact]
    public void ReminderBefore_FallsOnSaturday_MovesToFriday() =>
        Assert.Equal(new DateTimeOffset(2023, 11, 10, 7, 0, 0, TimeSpan.Zero), Calendar.ReminderBefore(new DateTimeOffset(2023, 11, 18, 12, 0, 0, TimeSpan.FromHours(2)), 7));

    [Fact]
    public async Task JavaScript_CalendarHelpers_AreAvailableToWorkflows()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Definition("wf", Chart(
            [Node("o", "Elsa.SetOutput", new JsonObject { ["outputName"] = Literal("String", "R"), ["outputValue"] = Js("Object", "return [isWorkingDay('2025-06-20'), nextWorkingDay('2025-06-20'), workingDaysBefore('2025-06-23T12:00:00+03:00', 2), reminderBefore('2023-11-18T12:00:00+02:00', 7)];") })],
            [])));

        var result = await host.StartAsync("wf");

        Assert.Equal("[false,\"2025-06-23T06:00:00Z\",\"2025-06-18T06:00:00Z\",\"2023-11-10T07:00:00Z\"]", result.State.Output["R"]!.ToJsonString());
    }
}
