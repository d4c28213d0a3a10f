using System.Globalization;
using MimeKit;
using Opiskeluhuolto.Host.Apis.Pages;
using Opiskeluhuolto.Host.Studio;
using Opiskeluhuolto.Notifications.Smtp;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Host.Infrastructure.ComponentPages;

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

    private static async Task<IResult> ListAsync(PickupFolderEmailSender pickup, WorkflowTimeZone timeZone, CancellationToken cancellationToken)
    {
        var files = Directory.Exists(pickup.Folder)
            ? new DirectoryInfo(pickup.Folder).GetFiles("*.eml").OrderByDescending(f => f.LastWriteTimeUtc).Take(200).ToList()
            : [];
        var rows = new List<DevMailRow>(files.Count);
        foreach (var file in files)
        {
            var message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
            var when = TimeZoneInfo.ConvertTime(message.Date == DateTimeOffset.MinValue ? file.LastWriteTimeUtc : message.Date, timeZone.Zone);
            rows.Add(new DevMailRow(file.Name, when.ToString("d.M.yyyy 'klo' H.mm", CultureInfo.InvariantCulture), message.To.ToString(), message.Subject));
        }

        return Render<DevMailListPage>(new { Messages = rows });
    }

    private static async Task<IResult> ShowAsync(string file, PickupFolderEmailSender pickup, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        var path = Path.Combine(pickup.Folder, name);
        if (name != file || !name.EndsWith(".eml", StringComparison.Ordinal) || !File.Exists(path))
            return Results.Problem($"No message '{file}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        return Render<DevMailMessagePage>(new { Message = await MimeMessage.LoadAsync(path, cancellationToken) });
    }
}
