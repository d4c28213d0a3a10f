using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Planning.Cycles;
using Opiskeluhuolto.Planning.People;

namespace Opiskeluhuolto.Planning.Tests;

/// <summary>The cycle service refuses a coordinator's mistakes naming the field, before anything is stored or sent.</summary>
public sealed class CycleServiceTests
{
    [Fact]
    public async Task Plan_UnknownOrWrongKindOfFile_NamesTheDataset()
    {
        await using var host = await PlanningEngine.StartAsync();
        var cycles = host.Services.GetRequiredService<CycleService>();
        await host.Services.GetRequiredService<PeopleDirectory>().ReplaceAsync("ohjausryhma", [], [], new DirectoryDataset { Kind = "steeringGroup", Json = "{}", ImportedAt = host.Time.GetUtcNow() });

        var (missing, why) = await cycles.PlanAsync(new CycleRequest("ei-tuotu", null, null));
        var (_, wrongKind) = await cycles.PlanAsync(new CycleRequest("ohjausryhma", null, null));
        var (_, badLink) = await cycles.PlanAsync(new CycleRequest("ohjausryhma", null, "javascript:alert(1)"));

        Assert.Null(missing);
        Assert.Equal((CycleProblemKind.Invalid, "dataset"), (why!.Kind, why.Field));
        Assert.Contains("steering-group file", wrongKind!.Message, StringComparison.Ordinal);
        Assert.Equal("planUrl", badLink!.Field);
    }

    [Fact]
    public async Task Extend_PastOrUnreadableDeadline_NamesDueAt_UnknownRequestIsNotFound()
    {
        await using var host = await PlanningEngine.StartAsync();
        var cycles = host.Services.GetRequiredService<CycleService>();

        var past = await cycles.ExtendAsync("cycle", "request", "2020-01-01", "coordinator");
        var unreadable = await cycles.ExtendAsync("cycle", "request", "ensi viikolla", "coordinator");
        var unknown = await cycles.ExtendAsync("cycle", "request", "2030-01-02", "coordinator");
        var badPerson = await cycles.AddOrReplaceAsync("cycle", "request", new ParticipantRequest("not-an-address", null, null, null, null), "coordinator");

        Assert.Equal(("dueAt", "The new deadline must be in the future."), (past!.Field, past.Message));
        Assert.Equal("dueAt", unreadable!.Field);
        Assert.Equal(CycleProblemKind.NotFound, unknown!.Kind);
        Assert.Equal("email", badPerson!.Field);
        Assert.Equal(CycleProblemKind.NotFound, (await cycles.CancelAsync("cycle"))!.Kind);
    }
}
