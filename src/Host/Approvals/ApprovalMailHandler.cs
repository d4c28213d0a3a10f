using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Notifications.Templates;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>Renders approval mails in the recipient's language with signed decision links and sends them.</summary>
public sealed class ApprovalMailHandler(MailTemplates templates, ApprovalLinks links, PublicBaseUrl baseUrl, IEnumerable<IEmailSender> senders, IOptions<MailOptions> mail) : IWorkflowEffectHandler
{
    private readonly IEmailSender _sender = senders.Last();

    /// <inheritdoc />
    public bool CanHandle(WorkflowEffect effect) => effect is ApprovalMailEffect or InboxLinkMailEffect;

    /// <inheritdoc />
    public bool IsIdempotent(WorkflowEffect effect) => _sender.IsIdempotent;

    /// <inheritdoc />
    public async Task HandleAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        if (effect is InboxLinkMailEffect inbox)
        {
            var inboxMail = templates.Render("inbox-link", inbox.Language, new Dictionary<string, object?>
            {
                ["recipientName"] = inbox.Name,
                ["inboxUrl"] = InboxUrl(inbox.Email, inbox.Language),
                ["coordinatorName"] = mail.Value.SignatureName,
                ["coordinatorTitle"] = mail.Value.SignatureTitle,
            });
            await _sender.SendAsync(new SendEmailEffect(inbox.MessageId, "", null, [inbox.Email], [], [], inboxMail.Subject, inboxMail.Body), cancellationToken);
            return;
        }

        var m = (ApprovalMailEffect)effect;
        var expires = links.DecisionExpiry(m.DueAt);
        string Url(string? decision) =>
            $"{baseUrl.Get()}/approvals/decide?t={Uri.EscapeDataString(links.Create(new ApprovalLink(m.WorkflowInstanceId, m.SeatId, m.Recipient.Email, m.Recipient.Language, decision, expires)))}";
        var model = new Dictionary<string, object?>
        {
            ["recipientName"] = m.Recipient.Name,
            ["title"] = m.Title,
            ["description"] = m.Description,
            ["documentUrl"] = m.Documents.FirstOrDefault(),
            ["deadline"] = m.DueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["organisation"] = m.Organisation,
            ["coordinatorName"] = mail.Value.SignatureName,
            ["coordinatorTitle"] = mail.Value.SignatureTitle,
        };
        if (m.Template != "escalation")
        {
            model["approveUrl"] = Url("Approved");
            model["rejectUrl"] = Url("Rejected");
            model["changesUrl"] = Url("ChangesRequested");
            model["submitUrl"] = Url("Submitted");
            model["noStatementUrl"] = Url("NoStatement");
            model["doneUrl"] = Url("Done");
            model["taskUrl"] = Url(null);
            model["inboxUrl"] = InboxUrl(m.Recipient.Email, m.Recipient.Language);
        }

        var rendered = templates.Render(m.Template, m.Recipient.Language, model);
        await _sender.SendAsync(new SendEmailEffect(m.MessageId, m.WorkflowInstanceId, null, [m.Recipient.Email], [], [], rendered.Subject, rendered.Body), cancellationToken);
    }

    private string InboxUrl(string email, string language) =>
        $"{baseUrl.Get()}/approvals/inbox?t={Uri.EscapeDataString(links.Create(new InboxLink(email, language, links.InboxExpiry())))}";
}
