using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Workflows.Management;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Planning.Tests;

public sealed class WorkflowsJsonTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows-json"), "*.json", SearchOption.AllDirectories)) data.Add(Path.GetFileName(file));
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData"), "*.json")) data.Add("TestData/" + Path.GetFileName(file));
        return data;
    }

    private static string Read(string name) => File.ReadAllText(name.StartsWith("TestData/", StringComparison.Ordinal)
        ? Path.Combine(AppContext.BaseDirectory, name)
        : Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows-json"), name, SearchOption.AllDirectories).Single());

    [Theory]
    [MemberData(nameof(Files))]
    public void RoundTrip_ShippedFile_KeepsEveryMember(string name)
    {
        var original = JsonNode.Parse(Read(name))!.AsObject();

        var written = JsonNode.Parse(WorkflowDefinitionReader.Write(WorkflowDefinitionReader.Read(original.ToJsonString())))!.AsObject();

        Assert.Empty(JsonDiff.Differences(original, written));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Validate_ShippedFile_HasNoErrors(string name)
    {
        await using var host = await PlanningEngine.StartAsync();
        var validator = host.Services.GetRequiredService<WorkflowValidator>();
        // The phase workflows the main cycle uses as activities are there first, as the loader makes sure at start-up.
        var folder = Path.Combine(AppContext.BaseDirectory, "workflows-json");
        foreach (var other in Directory.GetFiles(folder, "*.json").Select(Path.GetFileName).OfType<string>())
        {
            if (other != name && Read(other).Contains("\"usableAsActivity\": true", StringComparison.Ordinal)) await host.ImportAsync(Read(other));
        }

        var errors = validator.Validate(WorkflowDefinitionReader.Read(Read(name)));

        Assert.Empty(errors);
    }

    [Fact]
    public async Task StatementRequest_StatementGiven_OutputsGiven()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Read("statement-request.json"));
        var started = await host.StartAsync("statement-request", Input());
        Assert.Equal(WorkflowSubStatus.Suspended, started.State.SubStatus);
        Assert.Equal("statement-Oulu", started.State.CorrelationId);

        await host.Runtime.DeliverAsync(Stimulus.ForEvent("StatementGiven", null, correlationId: "statement-Oulu"));

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal("Given", state.Output["StatementStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task StatementRequest_Silence_RemindsFiveWorkingDaysBeforeTheDeadline_AndRecordsNoStatementAtIt()
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Read("statement-request.json"));
        var started = await host.StartAsync("statement-request", Input());
        var mails = host.Services.GetRequiredService<RecordingEffects>();
        await host.Background.RunRoundAsync();
        Assert.Single(mails.Of<SendEmailEffect>());

        host.Time.Advance(TimeSpan.FromDays(14));
        await host.Background.RunRoundAsync();
        var reminder = mails.Of<SendEmailEffect>().Last();
        Assert.StartsWith("Muistutus:", reminder.Subject, StringComparison.Ordinal);
        Assert.Equal(WorkflowSubStatus.Suspended, (await host.LoadAsync(started.State.Id)).SubStatus);

        host.Time.Advance(TimeSpan.FromDays(7));
        await host.Background.RunRoundAsync();

        var state = await host.LoadAsync(started.State.Id);
        Assert.Equal(WorkflowSubStatus.Finished, state.SubStatus);
        Assert.Equal("NoStatement", state.Output["StatementStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task StatementRequest_OverChristmas_CountsFinnishWorkingDays()
    {
        await using var host = await PlanningEngine.StartAsync();
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero)); // Mon 14.12.2026
        await host.ImportAsync(Read("statement-request.json"));
        await host.StartAsync("statement-request", Input());
        await host.Background.RunRoundAsync();

        var calendar = host.Services.GetRequiredService<Calendar.FinnishBusinessCalendar>();
        var deadline = calendar.AddWorkingDays(new DateOnly(2026, 12, 14), 15);
        Assert.True(deadline > new DateOnly(2027, 1, 4), $"{deadline}: Christmas, New Year and Epiphany are not working days");
        var request = Assert.Single(host.Services.GetRequiredService<RecordingEffects>().Of<SendEmailEffect>());
        Assert.Contains(deadline.ToString("d.M.yyyy", System.Globalization.CultureInfo.InvariantCulture), request.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fi", "Lausuntopyyntö: vastaa viimeistään ma 23.11.2026 – Alueellisen opiskeluhuoltosuunnitelman luonnos", "Lausunto on annettu")]
    [InlineData("sv", "Begäran om utlåtande: svara senast mån 23.11.2026 – Utkast till den regionala elevhälsoplanen", "Utlåtandet har lämnats")]
    [InlineData("en", "Request for a statement: please answer by Mon 23 Nov 2026 – Draft regional student welfare plan", "The statement has been given")]
    public async Task StatementRequest_MailsInTheRecipientsLanguage_WithTheDeadline(string language, string subject, string link)
    {
        await using var host = await PlanningEngine.StartAsync();
        await host.ImportAsync(Read("statement-request.json"));
        var input = Input();
        input["Language"] = language;
        await host.StartAsync("statement-request", input);
        await host.Background.RunRoundAsync();

        var mail = Assert.Single(host.Services.GetRequiredService<RecordingEffects>().Of<SendEmailEffect>());
        Assert.Equal(subject, mail.Subject);
        Assert.Contains($">{link}</a>", mail.Body, StringComparison.Ordinal);
        Assert.Contains("https://example.fi/suunnitelma-v1.pdf", mail.Body, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Input() => new()
    {
        ["Organisation"] = "Oulu",
        ["RecipientEmail"] = "sivistysjohtaja@ouka.example",
        ["Language"] = "fi",
        ["PlanUrl"] = "https://example.fi/suunnitelma-v1.pdf",
    };
}
