using Microsoft.Extensions.Options;
using Opiskeluhuolto.Host.Infrastructure;
using Opiskeluhuolto.Notifications.Calendar;
using Opiskeluhuolto.Notifications.Templates;
using Opiskeluhuolto.Planning.Meetings;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Host.Meetings;

/// <summary>Renders meeting invitations (with an .ics calendar entry) and reminders in the recipient's language and sends them.</summary>
public sealed class MeetingMailHandler(MailTemplates templates, IEnumerable<IEmailSender> senders, IOptions<MailOptions> mail, Approvals.ApprovalLinks links, PublicBaseUrl baseUrl) : IWorkflowEffectHandler
{
    private readonly IEmailSender _sender = senders.Last();

    /// <inheritdoc />
    public bool CanHandle(WorkflowEffect effect) => effect is MeetingMailEffect;

    /// <inheritdoc />
    public bool IsIdempotent(WorkflowEffect effect) => _sender.IsIdempotent;

    /// <inheritdoc />
    public async Task HandleAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        var m = (MeetingMailEffect)effect;
        var (rendered, ics) = Render(m);
        var message = new SendEmailEffect(m.MessageId, m.WorkflowInstanceId, null, [m.Recipient.Email], [], [], rendered.Subject, rendered.Body) { TextBody = rendered.Text };
        if (ics is not null) message = message with { Attachments = [new EmailAttachment("kutsu.ics", "text/calendar; method=REQUEST; charset=utf-8", ics)] };
        await _sender.SendAsync(message, cancellationToken);
    }

    /// <summary>
    /// Renders a meeting mail with the real template, and for an invitation its calendar entry. For a
    /// <paramref name="preview"/> the reply links lead nowhere.
    /// </summary>
    public (RenderedMail Mail, string? Ics) Render(MeetingMailEffect m, bool preview = false)
    {
        ArgumentNullException.ThrowIfNull(m);
        string Reply(string answer) => preview ? Approvals.ApprovalMailHandler.PreviewUrl :
            $"{baseUrl.Get()}/meetings/respond?t={Uri.EscapeDataString(links.Create(new Approvals.ApprovalLink(m.WorkflowInstanceId, MeetingResponsePages.SeatPrefix + m.MeetingId, m.Recipient.Email, m.Recipient.Language, answer, m.StartsAt)))}";
        var model = mail.Value.Signature(m.Recipient.Language, m.OrganizerName);
        model["attendUrl"] = m.Rsvp ? Reply(Planning.Meetings.InviteToMeetings.Attending) : null;
        model["declineUrl"] = m.Rsvp ? Reply(Planning.Meetings.InviteToMeetings.NotAttending) : null;
        model["hasDeputy"] = m.HasDeputy;
        model["recipientName"] = m.Recipient.Name;
        model["title"] = m.Title;
        model["meetingStart"] = m.StartsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        model["meetingEnd"] = m.EndsAt > m.StartsAt ? m.EndsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null;
        model["location"] = m.Location;
        var rendered = templates.Render(m.Template, m.Recipient.Language, model);
        if (m.Template != "invitation") return (rendered, null);
        var invitation = new MeetingInvitation($"{m.MeetingId}.{m.WorkflowInstanceId}@opiskeluhuolto.workflows", 0, m.Title, m.StartsAt, m.EndsAt, m.Location, null,
            m.Organizer ?? mail.Value.From, m.OrganizerName ?? mail.Value.SignatureName ?? mail.Value.From, m.Attendees);
        return (rendered, invitation.ToIcs());
    }
}
