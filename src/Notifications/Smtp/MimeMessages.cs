using MimeKit;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Notifications.Smtp;

/// <summary>Builds MIME messages from e-mail effects.</summary>
public static class MimeMessages
{
    /// <summary>Creates the message dated <paramref name="date"/>; the body is HTML (as Elsa's SendEmail) with a plain-text alternative.</summary>
    public static MimeMessage Create(SendEmailEffect message, string defaultFrom, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject, Date = date };
        try
        {
            mime.From.Add(MailboxAddress.Parse(string.IsNullOrWhiteSpace(message.From) ? defaultFrom : message.From));
            foreach (var to in message.To) mime.To.Add(MailboxAddress.Parse(to));
            foreach (var cc in message.Cc) mime.Cc.Add(MailboxAddress.Parse(cc));
            foreach (var bcc in message.Bcc) mime.Bcc.Add(MailboxAddress.Parse(bcc));
        }
        catch (ParseException e)
        {
            throw new PermanentEffectException($"Invalid e-mail address in message {message.MessageId}: {e.Message}", e);
        }

        if (mime.To.Count + mime.Cc.Count + mime.Bcc.Count == 0) throw new PermanentEffectException($"Message {message.MessageId} has no recipients.");
        var builder = new BodyBuilder { HtmlBody = message.Body, TextBody = HtmlToText(message.Body) };
        foreach (var attachment in message.Attachments)
        {
            var type = ContentType.Parse(attachment.ContentType);
            var bytes = attachment.IsBase64 ? Convert.FromBase64String(attachment.Content) : System.Text.Encoding.UTF8.GetBytes(attachment.Content);
            builder.Attachments.Add(attachment.FileName, bytes, type);
        }

        mime.Body = builder.ToMessageBody();
        return mime;
    }

    private static string HtmlToText(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html.Replace("<br", "\n<br", StringComparison.OrdinalIgnoreCase).Replace("</p>", "</p>\n", StringComparison.OrdinalIgnoreCase), "<[^>]+>", ""));
}
