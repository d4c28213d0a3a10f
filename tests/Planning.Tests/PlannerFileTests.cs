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
}
