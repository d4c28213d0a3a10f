using System.Net;
using SmtpServer.Protocol;

namespace Opiskeluhuolto.Host.Tests;

public sealed class MailDeliveryTests
{
    private static TestApp AppWith(SmtpSink sink) => new(settings: new Dictionary<string, string>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Mail:From"] = "opiskeluhuolto@pohde.example",
    });

    [Fact]
    public async Task SendEmail_WithSmtpConfigured_DeliversToRealServer()
    {
        await using var sink = new SmtpSink();
        await using var app = AppWith(sink);
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var client = app.Admin();

        await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"input":{"PlanId":"P-42","ApproverEmail":"rehtori@koulu.example"}}""");
        await app.RunBackgroundAsync();

        var message = Assert.Single(sink.Messages);
        Assert.Equal(["rehtori@koulu.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("workflows@example.com", message.From.Mailboxes.Single().Address);
        Assert.Contains("/elsa/api/events/trigger?t=", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendEmail_PermanentRejection_IsDeadLetteredAndRetryableByAdmin()
    {
        await using var sink = new SmtpSink();
        sink.Replies["rehtori"] = new SmtpResponse(SmtpReplyCode.TransactionFailed, "Mailbox unavailable");
        await using var app = AppWith(sink);
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var client = app.Admin();
        await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"input":{"PlanId":"P-42","ApproverEmail":"rehtori@koulu.example"}}""");
        await app.RunBackgroundAsync();

        var dead = (await (await client.GetAsync("/api/outbox?deadLetters=true")).JsonAsync())["items"]!.AsArray();
        var item = Assert.Single(dead);
        Assert.Contains("554", item!["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(sink.Messages);

        sink.Replies.Clear();
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostEmptyAsync($"/api/outbox/{item["id"]}/retry")).StatusCode);
        await app.RunBackgroundAsync();

        Assert.Single(sink.Messages);
        Assert.Empty((await (await client.GetAsync("/api/outbox")).JsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task SendEmail_ServerFailsThenRecovers_IsRetriedWithBackoffAndDeliveredOnce()
    {
        await using var sink = new SmtpSink();
        sink.Replies["rehtori"] = new SmtpResponse(SmtpReplyCode.InsufficientStorage, "Try again later");
        await using var app = AppWith(sink);
        await app.ImportAsync(TestApp.TestData("plan-approval-flowchart.json"));
        using var client = app.Admin();
        await client.PostJsonAsync("/elsa/api/workflow-definitions/plan-approval/execute", """{"input":{"PlanId":"P-42","ApproverEmail":"rehtori@koulu.example"}}""");

        await app.RunBackgroundAsync();
        var pending = Assert.Single((await (await client.GetAsync("/api/outbox")).JsonAsync())["items"]!.AsArray());
        Assert.Equal(1, pending!["attempts"]!.GetValue<int>());
        Assert.False(pending["isDeadLetter"]!.GetValue<bool>());
        sink.Replies.Clear();
        await app.RunBackgroundAsync();
        Assert.Empty(sink.Messages);

        app.Time.Advance(TimeSpan.FromSeconds(3));
        await app.RunBackgroundAsync();
        await app.RunBackgroundAsync();

        Assert.Single(sink.Messages);
        Assert.Empty((await (await client.GetAsync("/api/outbox")).JsonAsync())["items"]!.AsArray());
    }
}
