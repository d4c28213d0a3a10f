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
            context.Get<List<string>>("Cc") ?? [], context.Get<List<string>>("Bcc") ?? [], context.Get<string>("Subject") ?? "", context.Get<string>("Body") ?? ""));
        context.JournalData["MessageId"] = messageId;
        context.JournalData["To"] = new JsonArray(to.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        return context.CompleteAsync();
    }
}
