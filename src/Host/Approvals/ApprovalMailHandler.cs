using System.Globalization;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Notifications.Templates;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Approvals;

/// <summary>Renders approval mails (requests, reminders, escalations, results, digests, task-page links) in the recipient's language with signed decision links and sends them.</summary>
public sealed class ApprovalMailHandler(MailTemplates templates, ApprovalLinks links, PublicBaseUrl baseUrl, IEnumerable<IEmailSender> senders, IOptions<MailOptions> mail) : IWorkflowEffectHandler
{
    private readonly IEmailSender _sender = senders.Last();

    /// <inheritdoc />
    public bool CanHandle(WorkflowEffect effect) => effect is ApprovalMailEffect or InboxLinkMailEffect or TaskDigestMailEffect;

    /// <inheritdoc />
    public bool IsIdempotent(WorkflowEffect effect) => _sender.IsIdempotent;

    /// <inheritdoc />
    public async Task HandleAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        if (effect is InboxLinkMailEffect inbox)
        {
            var model = mail.Value.Signature(inbox.Language);
            model["recipientName"] = inbox.Name;
            model["inboxUrl"] = InboxUrl(inbox.Email, inbox.Language);
            var inboxMail = templates.Render("inbox-link", inbox.Language, model);
            await _sender.SendAsync(new SendEmailEffect(inbox.MessageId, "", null, [inbox.Email], [], [], inboxMail.Subject, inboxMail.Body) { TextBody = inboxMail.Text }, cancellationToken);
            return;
        }

        if (effect is TaskDigestMailEffect digest)
        {
            var lang = digest.Recipient.Language;
            var model = mail.Value.Signature(lang);
            model["recipientName"] = digest.Recipient.Name;
            model["inboxUrl"] = InboxUrl(digest.Recipient.Email, lang);
            model["items"] = digest.Items.Select(i => (object?)new Dictionary<string, object?>
            {
                ["title"] = i.Title, ["kind"] = i.Kind, ["deadline"] = i.DueAt.ToString("O", CultureInfo.InvariantCulture),
            }).ToList();
            var summary = templates.Render("digest", lang, model);
            await _sender.SendAsync(new SendEmailEffect(digest.MessageId, digest.WorkflowInstanceId, null, [digest.Recipient.Email], [], [], summary.Subject, summary.Body) { TextBody = summary.Text }, cancellationToken);
            return;
        }

        var m = (ApprovalMailEffect)effect;
        var rendered = Render(m);
        await _sender.SendAsync(new SendEmailEffect(m.MessageId, m.WorkflowInstanceId, null, [m.Recipient.Email], [], [], rendered.Subject, rendered.Body) { TextBody = rendered.Text }, cancellationToken);
    }

    /// <summary>
    /// Renders an approval mail with the real template. For a <paramref name="preview"/> (before a cycle starts) the
    /// links lead nowhere: nothing is signed for a request that does not exist yet.
    /// </summary>
    public RenderedMail Render(ApprovalMailEffect m, bool preview = false)
    {
        ArgumentNullException.ThrowIfNull(m);
        return templates.Render(m.Template, m.Recipient.Language, Model(m, preview));
    }

    /// <summary>What the templates of an approval mail read: the request, the recipient, the signed links and the signature.</summary>
    private Dictionary<string, object?> Model(ApprovalMailEffect m, bool preview)
    {
        var model = mail.Value.Signature(m.Recipient.Language);
        model["recipientName"] = m.Recipient.Name;
        model["title"] = m.Title;
        model["description"] = m.Description;
        model["documentUrl"] = m.Documents.FirstOrDefault();
        model["deadline"] = m.DueAt.ToString("O", CultureInfo.InvariantCulture);
        model["organisation"] = m.Organisation;
        model["requestKind"] = m.RequestKind;
        model["asDeputy"] = m.AsDeputy;
        switch (m.Template)
        {
            case "escalation":
                model["missing"] = m.Missing.Select(p => (object?)new Dictionary<string, object?> { ["name"] = p.Name ?? p.Email, ["organisation"] = p.Organisation }).ToList();
                model["workspaceUrl"] = $"{baseUrl.Get()}/coordinator";
                break;
            case Planning.Cycles.AnnouncePlanDecision.Template:
                foreach (var (key, value) in m.Facts ?? new Dictionary<string, string>()) model[key] = value;
                // A decision's day, read as that day wherever the filters convert it to local time.
                if (m.Facts?.GetValueOrDefault("meetingDate") is { Length: 10 } day) model["meetingDate"] = $"{day}T12:00:00Z";
                break;
            case "decision-result":
                model["outcome"] = m.Outcome;
                model["answer"] = m.Answer;
                model["decidedAt"] = (m.ClosedAt ?? m.DueAt).ToString("O", CultureInfo.InvariantCulture);
                break;
            default:
                var expires = links.DecisionExpiry(m.DueAt);
                string Url(string? decision) => preview ? PreviewUrl :
                    $"{baseUrl.Get()}/approvals/decide?t={Uri.EscapeDataString(links.Create(new ApprovalLink(m.WorkflowInstanceId, m.SeatId, m.Recipient.Email, m.Recipient.Language, decision, expires)))}";
                foreach (var (key, decision) in Decisions(m.RequestKind)) model[key] = Url(decision);
                model["taskUrl"] = Url(null);
                model["inboxUrl"] = preview ? PreviewUrl : InboxUrl(m.Recipient.Email, m.Recipient.Language);
                break;
        }

        return model;
    }

    /// <summary>Where a preview's links point: nowhere that acts.</summary>
    public const string PreviewUrl = "#esikatselu";

    /// <summary>The decision links a request of this kind offers (only these are signed).</summary>
    private static (string Key, string Decision)[] Decisions(string kind) => kind switch
    {
        "Statement" => [("submitUrl", "Submitted"), ("noStatementUrl", "NoStatement")],
        "Task" => [("doneUrl", "Done")],
        _ => [("approveUrl", "Approved"), ("changesUrl", "ChangesRequested"), ("rejectUrl", "Rejected")],
    };

    private string InboxUrl(string email, string language) =>
        $"{baseUrl.Get()}/approvals/inbox?t={Uri.EscapeDataString(links.Create(new InboxLink(email, language, links.InboxExpiry())))}";
}
