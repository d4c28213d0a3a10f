using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Persistence;
using static Opiskeluhuolto.TestSupport.Flow;

namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>Elsa's log persistence settings: an excluded input or output leaves no value in the journal or the activity records.</summary>
public sealed class LogPersistenceTests
{
    private const string Secret = "pia.virtanen@jyvaskyla.fi";

    private static JsonObject Strategy(string mode) => new()
    {
        ["evaluationMode"] = "Strategy", ["strategyType"] = $"Elsa.Workflows.LogPersistence.Strategies.{mode}, Elsa.Workflows.Core",
    };

    private static async Task<(List<string> Journal, List<string> Records)> RunAsync(JsonObject? workflowConfig, JsonObject setConfig, JsonObject scriptConfig)
    {
        await using var host = await EngineHost.StartAsync();
        var set = Node("set", "Elsa.SetVariable", new JsonObject { ["variable"] = new JsonObject { ["id"] = "email" }, ["value"] = Literal("Object", Secret) });
        set["customProperties"]!["logPersistenceConfig"] = setConfig;
        var script = Node("script", "Elsa.RunJavaScript", new JsonObject { ["script"] = Js("String", "return getEmail();") });
        script["customProperties"]!["logPersistenceConfig"] = scriptConfig;
        var document = JsonNode.Parse(Definition("log", Chart([set, script, Line("shown", "näkyy")], [Connect("set", "script"), Connect("script", "shown")]), new JsonArray(Variable("email", "Email", "String"))))!.AsObject();
        if (workflowConfig is not null) document["customProperties"] = new JsonObject { ["logPersistenceConfig"] = workflowConfig };
        await host.ImportAsync(document.ToJsonString());
        var result = await host.StartAsync("log");
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        var journal = await db.ExecutionLog.Where(r => r.WorkflowInstanceId == result.State.Id).Select(r => r.Data).ToListAsync();
        var records = await db.ActivityExecutions.Where(r => r.WorkflowInstanceId == result.State.Id).Select(r => r.Data).ToListAsync();
        return (journal, records);
    }

    [Fact]
    public async Task ExcludedInputAndOutput_LeaveNoValue_AndTheRestIsKept()
    {
        var (journal, records) = await RunAsync(null,
            new JsonObject { ["inputs"] = new JsonObject { ["value"] = Strategy("Exclude") } },
            new JsonObject { ["outputs"] = new JsonObject { ["result"] = Strategy("Exclude") } });

        Assert.DoesNotContain(journal.Concat(records), d => d.Contains(Secret, StringComparison.Ordinal));
        Assert.Contains(journal, d => d.Contains("näkyy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutSettings_ValuesAreKept()
    {
        var (journal, records) = await RunAsync(null, new JsonObject(), new JsonObject());

        Assert.Contains(journal, d => d.Contains(Secret, StringComparison.Ordinal));
        Assert.Contains(records, d => d.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWorkflowWideExclude_IsInherited_AndAnActivityMayIncludeAgain()
    {
        var (journal, _) = await RunAsync(new JsonObject { ["default"] = Strategy("Exclude") }, new JsonObject(), new JsonObject());
        Assert.DoesNotContain(journal, d => d.Contains(Secret, StringComparison.Ordinal) || d.Contains("näkyy", StringComparison.Ordinal));

        var (again, _) = await RunAsync(new JsonObject { ["default"] = Strategy("Exclude") }, new JsonObject { ["default"] = Strategy("Include") }, new JsonObject());
        Assert.Contains(again, d => d.Contains(Secret, StringComparison.Ordinal));
    }
}
