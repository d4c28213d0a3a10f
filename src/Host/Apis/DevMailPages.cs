using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using Opiskeluhuolto.Host.Studio;
using Opiskeluhuolto.Notifications.Smtp;

namespace Opiskeluhuolto.Host.Apis;

/// <summary>
/// The dev inbox at <c>/dev/mail</c>: lists the pickup folder newest first and renders a message with clickable links.
/// This is how a new user sees mail after <c>dotnet run</c> without an SMTP server. Admins only.
/// </summary>
public static class DevMailPages
{
    /// <summary>Maps the pages.</summary>
    public static void MapDevMail(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/dev/mail").RequireAuthorization(StudioPages.PolicyName).ExcludeFromDescription();
        group.MapGet("/", ListAsync);
        group.MapGet("/{file}", ShowAsync);
    }

    private static string Enc(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static async Task<IResult> ListAsync(PickupFolderEmailSender pickup, CancellationToken cancellationToken)
    {
        var rows = new StringBuilder();
        var files = Directory.Exists(pickup.Folder)
            ? new DirectoryInfo(pickup.Folder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(200).ToList()
            : [];
        var helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        foreach (var file in files)
        {
            var message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
            var when = TimeZoneInfo.ConvertTime(message.Date == DateTimeOffset.MinValue ? file.LastWriteTimeUtc : message.Date, helsinki);
            rows.Append(CultureInfo.InvariantCulture, $"""<tr><td>{when.ToString("d.M.yyyy 'klo' H.mm", CultureInfo.InvariantCulture)}</td><td>{Enc(message.To.ToString())}</td><td><a href="/dev/mail/{Uri.EscapeDataString(file.Name)}">{Enc(message.Subject)}</a></td></tr>""");
        }

        var body = files.Count == 0
            ? "<p>Ei viestejä · Inga meddelanden · No messages yet.</p>"
            : $"""<table><caption>{files.Count} viestiä · meddelanden · messages</caption><thead><tr><th scope="col">Aika · Tid · Time</th><th scope="col">Vastaanottaja · Mottagare · To</th><th scope="col">Aihe · Ämne · Subject</th></tr></thead><tbody>{rows}</tbody></table>""";
        return Page("Saapuneet · Inkorg · Dev inbox", body);
    }

    private static async Task<IResult> ShowAsync(string file, PickupFolderEmailSender pickup, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        var path = Path.Combine(pickup.Folder, name);
        if (name != file || !name.EndsWith(".eml", StringComparison.Ordinal) || !File.Exists(path))
            return Results.Problem($"No message '{file}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var message = await MimeMessage.LoadAsync(path, cancellationToken);
        var content = message.HtmlBody is { } html
            ? $"""<iframe title="{Enc(message.Subject)}" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="{Enc("<base target=\"_top\">" + html)}"></iframe>"""
            : $"<pre>{Enc(message.TextBody)}</pre>";
        var attachments = string.Join("", message.Attachments.OfType<MimePart>().Select(a => $"<li>{Enc(a.FileName)} ({Enc(a.ContentType.MimeType)})</li>"));
        var body = $"""
            <p><a href="/dev/mail">← Saapuneet · Inkorg · Inbox</a></p>
            <dl><dt>Lähettäjä · Från · From</dt><dd>{Enc(message.From.ToString())}</dd><dt>Vastaanottaja · Till · To</dt><dd>{Enc(message.To.ToString())}</dd>
            <dt>Kopio · Kopia · Cc</dt><dd>{Enc(message.Cc.ToString())}</dd><dt>Message-ID</dt><dd>{Enc(message.MessageId)}</dd></dl>
            {content}
            {(attachments.Length > 0 ? $"<h2>Liitteet · Bilagor · Attachments</h2><ul>{attachments}</ul>" : "")}
            """;
        return Page(message.Subject ?? "(no subject)", body);
    }

    private const string Css = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc}iframe{width:100%;height:32rem;border:1px solid #ccc}a:focus{outline:3px solid #ffb000;outline-offset:2px}dt{font-weight:700}";

    private static IResult Page(string title, string body) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="fi">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Enc(title)}</title><style>{Css}</style></head>
        <body><main><h1>{Enc(title)}</h1>{body}</main></body>
        </html>
        """, "text/html; charset=utf-8", Encoding.UTF8);
}
