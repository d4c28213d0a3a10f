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

    private static string FileName(string messageId) =>
        new string(messageId.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray()) + ".eml";
}
