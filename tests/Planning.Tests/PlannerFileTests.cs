using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Planning.Cycles;

namespace Opiskeluhuolto.Planning.Tests;

/// <summary>The planners read the region and steering-group files as typed records: tolerant of stray spaces, strict about types.</summary>
public sealed class PlannerFileTests
{
    private static JsonObject Demo(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DemoData", file)))!.AsObject();

    [Fact]
    public async Task Region_TextIsTrimmed_BlankIsAbsent_TheCycleIsTheSame()
    {
        await using var host = await PlanningEngine.StartAsync();
        var planner = host.Services.GetRequiredService<CyclePlanner>();
        var region = Demo("keski-suomi-2023.json");
        var expected = planner.Build(region);

        var untidy = region.DeepClone().AsObject();
        untidy["people"]![0]!["email"] = "  " + untidy["people"]![0]!["email"]!.GetValue<string>() + " ";
        untidy["planCycle"]!["planTitleSv"] = "   ";
        var cycle = planner.Build(untidy);

        Assert.Equal(expected["chair"]!.ToJsonString(), cycle["chair"]!.ToJsonString());
        Assert.Null(cycle["title"]!["sv"]);
        Assert.Equal(expected["meetings"]!.AsArray().Count, cycle["meetings"]!.AsArray().Count);
        Assert.Equal(12, cycle["phases"]!.AsObject().Count);
    }

    [Fact]
    public async Task WrongType_IsRefusedNamingItsPath()
    {
        await using var host = await PlanningEngine.StartAsync();
        var region = Demo("keski-suomi-2023.json");
        region["phases"]![2]!["order"] = new JsonObject { ["first"] = true };
        var steering = Demo("steering-group.json");
        steering["meetings"] = "every month";

        var regionError = Assert.Throws<CyclePlanException>(() => host.Services.GetRequiredService<CyclePlanner>().Build(region));
        var steeringError = Assert.Throws<CyclePlanException>(() => host.Services.GetRequiredService<SteeringGroupPlanner>().Build(steering));

        Assert.Equal("phases[2].order", regionError.Field);
        Assert.Equal("meetings", steeringError.Field);
    }

    [Fact]
    public async Task Consultation_AsksTheYouthCouncilParentsAndStaff_UnlessLeftOut()
    {
        await using var host = await PlanningEngine.StartAsync();
        var planner = host.Services.GetRequiredService<CyclePlanner>();
        var region = Demo("keski-suomi-2023.json");

        var all = planner.Build(region)["consultees"]!.AsArray().Select(p => p!["email"]!.GetValue<string>()).ToList();
        var some = planner.Build(region, consultation: new JsonObject { ["youthCouncil"] = false, ["staff"] = false })["consultees"]!.AsArray().Select(p => p!["email"]!.GetValue<string>()).ToList();

        Assert.Equal(17, all.Count);
        Assert.Contains("aada.toivonen@example.org", all);
        Assert.Contains("kaisa.makela@example.org", all);
        Assert.Equal(all.Count, all.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(14, some.Count);
        Assert.DoesNotContain("aada.toivonen@example.org", some);
        Assert.Contains("kaisa.makela@example.org", some);
    }

    [Fact]
    public async Task CountyDecision_BodiesFromTheNotes_AgendaDeadlinesOnWorkingDays()
    {
        await using var host = await PlanningEngine.StartAsync();
        var planner = host.Services.GetRequiredService<CyclePlanner>();
        var bodies = planner.Build(Demo("keski-suomi-2023.json"))["phases"]!["county-decision"]!["bodies"]!.AsArray();
        Assert.Equal(["committee", "board", "council"], bodies.Select(b => b!["body"]!.GetValue<string>()));
        Assert.Equal(["21.11.2023", "4.12.2023", "18.12.2023"], bodies.Select(b => b!["meetingDay"]!.GetValue<string>()));
        Assert.Equal("4.12.2023", bodies[2]!["agendaDay"]!.GetValue<string>());

        var region = Demo("pohjois-pohjanmaa-2023.json");
        region["phases"]![7]!["notes"] = null;
        var fallback = planner.Build(region)["phases"]!["county-decision"]!["bodies"]!.AsArray();
        Assert.Equal(["board", "council"], fallback.Select(b => b!["body"]!.GetValue<string>()));
        Assert.Equal("12.2.2024", fallback[1]!["meetingDay"]!.GetValue<string>()); // the phase's deadline
    }

    [Fact]
    public async Task SteeringGroup_AYearNeedsTwoExtendedNetworkMeetings()
    {
        await using var host = await PlanningEngine.StartAsync();
        var planner = host.Services.GetRequiredService<SteeringGroupPlanner>();
        var file = Demo("steering-group.json");
        Assert.Equal(4, planner.Build(file)["meetings"]!.AsArray().Count);

        var meetings = file["meetings"]!.AsArray();
        meetings.Remove(meetings.First(m => m!["id"]!.GetValue<string>() == "mtg-sg-2024-04-17"));
        var error = Assert.Throws<CyclePlanException>(() => planner.Build(file));
        Assert.Equal(("meetings", "steering.tooFewMeetings"), (error.Field, error.Code));
    }
}
