using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Notifications.Smtp;

/// <summary>Builds MIME messages from e-mail effects.</summary>
public static partial class MimeMessages
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
        var builder = new BodyBuilder { HtmlBody = message.Body, TextBody = message.TextBody ?? HtmlToText(message.Body) };
        foreach (var attachment in message.Attachments)
        {
            var type = ContentType.Parse(attachment.ContentType);
            var bytes = attachment.IsBase64 ? Convert.FromBase64String(attachment.Content) : System.Text.Encoding.UTF8.GetBytes(attachment.Content);
            builder.Attachments.Add(attachment.FileName, bytes, type);
        }

        mime.Body = builder.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// A text rendering of a workflow's own HTML body (MimeKit's HTML tokenizer): paragraphs and line breaks kept, each
    /// link written as "text: address" so that a text-only reader can still follow it.
    /// </summary>
    internal static string HtmlToText(string html)
    {
        var text = new StringBuilder();
        string? href = null;
        var label = new StringBuilder();
        var skip = 0;
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Head or HtmlTagId.Style or HtmlTagId.Script or HtmlTagId.Title:
                    skip += tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1;
                    break;
                case HtmlTagToken { Id: HtmlTagId.A } tag when !tag.IsEndTag:
                    href = tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value;
                    label.Clear();
                    break;
                case HtmlTagToken { Id: HtmlTagId.A, IsEndTag: true }:
                    var shown = Whitespace().Replace(label.ToString(), " ").Trim();
                    text.Append(href is null or "" ? shown : shown.Length == 0 || shown == href ? href : $"{shown}: {href}");
                    href = null;
                    break;
                case HtmlTagToken { Id: HtmlTagId.Br }:
                    text.Append('\n');
                    break;
                case HtmlTagToken { IsEndTag: true, Id: HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3 or HtmlTagId.Table or HtmlTagId.UL or HtmlTagId.OL }:
                    text.Append("\n\n");
                    break;
                case HtmlTagToken { IsEndTag: true, Id: HtmlTagId.TH or HtmlTagId.TD }:
                    text.Append(' ');
                    break;
                case HtmlDataToken data when skip == 0:
                    (href is null ? text : label).Append(Whitespace().Replace(data.Data, " "));
                    break;
            }
        }

        var lines = text.ToString().Split('\n').Select(l => l.Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim() + "\n";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
