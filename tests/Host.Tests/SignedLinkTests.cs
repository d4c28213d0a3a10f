using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Host.Infrastructure;

namespace Opiskeluhuolto.Host.Tests;

public sealed partial class SignedLinkTests
{
    private static async Task<(TestApp App, string InstanceId, string Link)> StartPlanApprovalAsync()
    {
        var app = new TestApp();
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var client = app.Admin();
        var execute = await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"input":{"PlanId":"P-1","ApproverEmail":"boss@example.com"}}""");
        var instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        await app.RunBackgroundAsync();
        var mail = File.ReadAllText(Directory.GetFiles(Path.Combine(app.DataFolder, "mail-pickup"), "*.eml").Single());
        var links = LinkPattern().Matches(mail).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        return (app, instanceId, links.First());
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, string link)
    {
        var page = await (await browser.GetAsync(link)).Content.ReadAsStringAsync();
        var fields = HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return await browser.PostAsync(link, new FormUrlEncodedContent(fields));
    }

    private static async Task<string> SubStatusAsync(TestApp app, string instanceId)
    {
        using var client = app.Admin();
        return (await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync())["subStatus"]!.GetValue<string>();
    }

    [Fact]
    public async Task EventLink_ConfirmedByPost_ActsOnceAndReplayIsExplained()
    {
        var (app, instanceId, link) = await StartPlanApprovalAsync();
        await using var _ = app;
        using var browser = app.CreateClient();

        var first = await ConfirmAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Finished", await SubStatusAsync(app, instanceId));

        var replay = await ConfirmAsync(browser, link);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("already been used", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventLink_PostWithoutAntiforgeryToken_IsRejectedAndDoesNotAct()
    {
        var (app, instanceId, link) = await StartPlanApprovalAsync();
        await using var _ = app;
        using var browser = app.CreateClient();
        var token = Uri.UnescapeDataString(link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

        var response = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = token }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Suspended", await SubStatusAsync(app, instanceId));
    }

    [Fact]
    public async Task EventLink_Tampered_ShowsInvalidLinkPage()
    {
        var (app, instanceId, link) = await StartPlanApprovalAsync();
        await using var _ = app;
        using var browser = app.CreateClient();

        var response = await browser.GetAsync(link[..^6] + "AAAAAA");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Pyydä uusi linkki", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Suspended", await SubStatusAsync(app, instanceId));
    }

    [Fact]
    public async Task EventLink_Expired_ShowsInvalidLinkPage()
    {
        var (app, _, link) = await StartPlanApprovalAsync();
        await using var __ = app;
        using var browser = app.CreateClient();

        app.Time.Advance(TimeSpan.FromDays(31));
        var response = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task BookmarkLink_ConfirmedByPost_ResumesThatBookmark()
    {
        var (app, instanceId, _) = await StartPlanApprovalAsync();
        await using var __ = app;
        using var client = app.Admin();
        var state = (await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync())["workflowState"]!;
        var delay = state["bookmarks"]!.AsArray().Single(b => b!["name"]!.GetValue<string>() == "Elsa.Delay")!;
        var token = app.Services.GetRequiredService<LinkTokens>().CreateForBookmark(delay["id"]!.GetValue<string>(), instanceId, app.Time.GetUtcNow().AddDays(1));
        using var browser = app.CreateClient();

        var response = await ConfirmAsync(browser, "/elsa/api/bookmarks/resume?t=" + Uri.EscapeDataString(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var output = (await (await client.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).JsonAsync())["workflowState"]!["output"]!;
        Assert.Equal("TimedOut", output["Decision"]!.GetValue<string>());
    }

    [GeneratedRegex(@"https://opiskeluhuolto\.test(/elsa/api/events/trigger\?t=[^""\s<]+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"<input type=""hidden"" name=""([^""]+)"" value=""([^""]*)""")]
    private static partial Regex HiddenField();
}
