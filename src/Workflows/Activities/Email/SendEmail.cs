using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Workflows.Activities.Email;

/// <summary>
/// <c>Elsa.SendEmail</c>: writes the message to the outbox in the same commit as the step; a dispatcher sends it.
/// Unlike Elsa, a send failure is never swallowed silently: it is retried and dead-lettered where an admin sees it.
/// </summary>
public sealed class SendEmail : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Elsa.SendEmail";

    /// <inheritdoc />
    public override IReadOnlyList<EmbeddedPort> EmbeddedPorts { get; } = [new("Error")];

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Email", "Send an email message.", displayName: "Send Email", kind: ActivityKind.Task,
        inputs:
        [
            Input("From", "String", "The sender's email address."),
            Input("To", "List<String>", "The recipients email addresses.", uiHint: "multitext", defaultSyntax: "Object"),
            Input("Cc", "List<String>", "The CC recipient email addresses.", uiHint: "multitext", defaultSyntax: "Object", category: "More"),
            Input("Bcc", "List<String>", "The BCC recipients email addresses.", uiHint: "multitext", defaultSyntax: "Object", category: "More"),
            Input("Subject", "String", "The subject of the email message."),
            Input("Attachments", "Object", "The attachments to send with the email message.", uiHint: "multiline"),
            Input("Body", "String", "The body of the email message.", uiHint: "multiline"),
        ],
        embedded: EmbeddedPorts);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var to = context.Get<List<string>>("To") ?? [];
        var messageId = $"{context.Workflow.Services.NewId()}.{context.Id}@opiskeluhuolto.workflows";
        context.Workflow.Effects.Add(new SendEmailEffect(messageId, context.Workflow.InstanceId, context.Get<string>("From"), to,
            context.Get<List<string>>("Cc") ?? [], context.Get<List<string>>("Bcc") ?? [], context.Get<string>("Subject") ?? "", context.Get<string>("Body") ?? "")
        {
            Attachments = Attachments(context.Get("Attachments")),
        });
        context.JournalData["MessageId"] = messageId;
        context.JournalData["Subject"] = context.Get<string>("Subject");
        context.JournalData["To"] = new JsonArray(to.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        return context.CompleteAsync();
    }

    /// <summary>
    /// Attachments from the input: an object <c>{Content, FileName, ContentType}</c>, a list of them, text, bytes, or any
    /// other value (sent as JSON). Unlike Elsa, file paths and URLs are never read or downloaded.
    /// </summary>
    private static List<EmailAttachment> Attachments(object? value) => value switch
    {
        null => [],
        byte[] bytes => [new EmailAttachment("attachment.bin", "application/octet-stream", Convert.ToBase64String(bytes), IsBase64: true)],
        string text => [new EmailAttachment("attachment.txt", "text/plain; charset=utf-8", text)],
        IDictionary<string, object?> single when Member(single, "Content") is not null => [FromDictionary(single)],
        System.Collections.IEnumerable list and not IDictionary<string, object?> => list.Cast<object?>().SelectMany(Attachments).ToList(),
        _ => [new EmailAttachment("attachment.json", "application/json", Values.DynamicJson.ToJsonString(value))],
    };

    private static EmailAttachment FromDictionary(IDictionary<string, object?> d)
    {
        var content = Member(d, "Content");
        var name = Member(d, "FileName") as string ?? "attachment";
        var type = Member(d, "ContentType") as string ?? "application/octet-stream";
        return content switch
        {
            string text => new EmailAttachment(name, type, text),
            byte[] bytes => new EmailAttachment(name, type, Convert.ToBase64String(bytes), IsBase64: true),
            _ => new EmailAttachment(name, "application/json", Values.DynamicJson.ToJsonString(content)),
        };
    }

    private static object? Member(IDictionary<string, object?> d, string name) =>
        d.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
