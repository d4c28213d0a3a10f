using System.Globalization;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Notifications.Calendar;

/// <summary>
/// JavaScript <c>createMeetingInvite({ uid, sequence, title, start, end, location, description, organizer,
/// organizerName, attendees, cancelled })</c>: an .ics attachment object for SendEmail's <c>attachments</c> input.
/// </summary>
public sealed class InvitationScriptFunctions : IScriptFunctions
{
    /// <inheritdoc />
    public IReadOnlyDictionary<string, Func<ActivityExecutionContext, object?[], object?>> Functions { get; } =
        new Dictionary<string, Func<ActivityExecutionContext, object?[], object?>> { ["createMeetingInvite"] = Create };

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Declarations { get; } = new Dictionary<string, string>
    {
        ["createMeetingInvite"] = "(meeting: { uid?: string; sequence?: number; title: string; start: string; end: string; location?: string; description?: string; organizer: string; organizerName?: string; attendees?: string[]; cancelled?: boolean }): { FileName: string; ContentType: string; Content: string }",
    };

    private static object? Create(ActivityExecutionContext context, object?[] args)
    {
        if (args.Length == 0 || args[0] is not IDictionary<string, object?> o) throw new ExpressionException("createMeetingInvite takes an object.");
        string Text(string name, bool required = true) =>
            o.TryGetValue(name, out var v) && v is string s && s.Length > 0 ? s : required ? throw new ExpressionException($"createMeetingInvite: '{name}' is required.") : "";
        DateTimeOffset When(string name) => DateTimeOffset.TryParse(Text(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t : throw new ExpressionException($"createMeetingInvite: '{name}' must be an ISO date and time.");
        var attendees = o.TryGetValue("attendees", out var a) && a is IEnumerable<object?> list ? list.OfType<string>().ToList() : [];
        var invitation = new MeetingInvitation(
            Text("uid", required: false) is { Length: > 0 } uid ? uid : $"{context.Workflow.InstanceId}.{context.Node.Id}@opiskeluhuolto.workflows",
            o.TryGetValue("sequence", out var seq) && seq is long n ? (int)n : 0,
            Text("title"),
            When("start"),
            When("end"),
            Text("location", required: false),
            Text("description", required: false),
            Text("organizer"),
            Text("organizerName", required: false),
            attendees,
            o.TryGetValue("cancelled", out var c) && c is true);
        return new Dictionary<string, object?>
        {
            ["FileName"] = invitation.Cancelled ? "peruutus.ics" : "kutsu.ics",
            ["ContentType"] = invitation.ContentType,
            ["Content"] = invitation.ToIcs(),
        };
    }
}
