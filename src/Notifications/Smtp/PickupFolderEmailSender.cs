using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Notifications.Smtp;

/// <summary>
/// The embedded default mail sender: writes each message as an .eml file into a pickup folder (shown on the dev
/// inbox page). Idempotent: the file is named after the message id and written atomically.
/// </summary>
public sealed class PickupFolderEmailSender(string folder, string defaultFrom, TimeProvider? time = null) : IEmailSender
{
    /// <summary>The folder.</summary>
    public string Folder { get; } = folder;

    /// <summary>A message id is written once: a repeated send after a crash is harmless.</summary>
    public bool IsIdempotent => true;

    /// <inheritdoc />
    public async Task SendAsync(SendEmailEffect message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, FileName(message.MessageId));
        if (File.Exists(path)) return;
        var mime = MimeMessages.Create(message, defaultFrom, (time ?? TimeProvider.System).GetUtcNow());
        var temp = path + ".tmp";
        await using (var stream = File.Create(temp))
            await mime.WriteToAsync(stream, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Deletes the mails in the folder that were sent to <paramref name="address"/> or mention it (headers, text and
    /// HTML decoded, case-insensitive) — the copies of mail kept here are personal data too. Returns how many.
    /// </summary>
    public int DeleteMentionsOf(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        if (!Directory.Exists(Folder)) return 0;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(Folder, "*.eml"))
        {
            bool mentions;
            try
            {
                using var mime = MimeKit.MimeMessage.Load(path);
                mentions = mime.GetRecipients(onlyUnique: true).Concat(mime.From.Mailboxes).Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase))
                    || new[] { mime.Subject, mime.TextBody, mime.HtmlBody }.Any(t => t?.Contains(address, StringComparison.OrdinalIgnoreCase) == true);
            }
            catch (FormatException)
            {
                mentions = File.ReadAllText(path).Contains(address, StringComparison.OrdinalIgnoreCase);
            }

            if (!mentions) continue;
            File.Delete(path);
            deleted++;
        }

        return deleted;
    }

    private static string FileName(string messageId) =>
        new string(messageId.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray()) + ".eml";
}
