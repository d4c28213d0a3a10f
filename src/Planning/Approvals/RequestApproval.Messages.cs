using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Planning.Approvals;

// Mails, timers and the people asked.
public sealed partial class RequestApproval
{
    private static void Mail(ActivityExecutionContext context, ApprovalState state, ApprovalSeat seat, ApprovalPerson recipient, string kind, string? organisation = null,
        Func<ApprovalMailEffect, ApprovalMailEffect>? details = null)
    {
        var description = recipient.Language switch
        {
            "sv" when context.Get<string>("DescriptionSv") is { Length: > 0 } sv => sv,
            "en" when context.Get<string>("DescriptionEn") is { Length: > 0 } en => en,
            _ => context.Get<string>("Description"),
        };
        var documents = state.Documents.Count > 0 ? state.Documents : context.Get<List<string>>("Documents") ?? [];
        var recipientKey = ApprovalMailEffect.RecipientKey(recipient.Email);
        var messageId = $"{context.Workflow.InstanceId}.{seat.SeatId}.{kind}.{recipientKey}@opiskeluhuolto.workflows";
        var prefix = state.Kind switch { "Statement" => "statement", "Task" => "task", _ => "approval" };
        var mailKind = kind switch
        {
            "request" or "deputy" => prefix + "-request",
            _ when kind.StartsWith("escalation", StringComparison.Ordinal) => "escalation",
            "result" or "result-deputy" => "decision-result",
            _ => prefix + "-reminder",
        };
        var mail = new ApprovalMailEffect(mailKind, messageId, context.Workflow.InstanceId, seat.SeatId, recipient, TitleFor(context, recipient.Language), description, documents, state.DueAt,
            organisation ?? seat.Member.Organisation)
        {
            RequestKind = state.Kind,
            AsDeputy = seat.Deputy is not null && !ReferenceEquals(recipient, seat.Member) && string.Equals(recipient.Email, seat.Deputy.Email, StringComparison.OrdinalIgnoreCase),
        };
        context.Workflow.Effects.Add(details is null ? mail : details(mail));
    }

    /// <summary>
    /// When the request closes, everyone who was asked (members, and deputies who were asked) hears the outcome and their
    /// own recorded answer — unless the workflow turned it off (<c>NotifyOutcome</c>).
    /// </summary>
    private static void MailOutcome(ActivityExecutionContext context, ApprovalState state, string outcome)
    {
        if (context.Get<bool?>("NotifyOutcome") == false) return;
        foreach (var seat in state.Seats.Where(s => !s.Removed && s.Level <= state.CurrentLevel))
        {
            var answer = seat.Decision;
            Mail(context, state, seat, seat.Member, "result", details: m => m with { Outcome = outcome, Answer = answer, ClosedAt = context.Workflow.Now });
            if (seat.DeputyAsked && seat.Deputy is not null)
                Mail(context, state, seat, seat.Deputy, "result-deputy", details: m => m with { Outcome = outcome, Answer = answer, ClosedAt = context.Workflow.Now });
        }
    }

    private static string TitleFor(ActivityExecutionContext context, string language) => language switch
    {
        "sv" when context.Get<string>("TitleSv") is { Length: > 0 } sv => sv,
        "en" when context.Get<string>("TitleEn") is { Length: > 0 } en => en,
        _ => context.Get<string>("Title") ?? "",
    };

    private static void Timer(ActivityExecutionContext context, DateTimeOffset at, string purpose, int days)
    {
        if (at <= context.Workflow.Now && purpose != "Due") return;
        context.CreateBookmark(TimerName, new JsonObject { ["ExecuteAt"] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), ["Purpose"] = purpose, ["Days"] = days });
    }

    private async Task<(List<ApprovalSeat> Seats, List<ApprovalLevel> Levels)> ReadLevelsAsync(object? value, WorkflowExecutionServices services)
    {
        var seats = new List<ApprovalSeat>();
        var levels = new List<ApprovalLevel>();
        if (value is not List<object?> list) return (seats, levels);
        foreach (var item in list.OfType<IDictionary<string, object?>>())
        {
            var levelSeats = await ReadAssigneesAsync(Member(item, "assignees"), services, levels.Count);
            if (levelSeats.Count == 0) throw new InvalidOperationException($"Request approval: level {levels.Count + 1} of Levels needs at least one assignee with an e-mail address.");
            var quorum = Member(item, "quorum") as string;
            levels.Add(new ApprovalLevel
            {
                Name = Member(item, "name") as string,
                Quorum = quorum is "All" or "Any" or "Majority" or "Count" ? quorum : "All",
                RequiredApprovals = Member(item, "requiredApprovals") switch { int i => i, long l => (int)l, double d => (int)d, _ => null },
            });
            seats.AddRange(levelSeats);
        }

        return (seats, levels);
    }

    private async Task<List<ApprovalSeat>> ReadAssigneesAsync(object? value, WorkflowExecutionServices services, int level) =>
        (await AssigneeReader.ReadAsync(value, directory, "Request approval"))
            .Select(p => new ApprovalSeat { SeatId = services.NewId(), Member = p.Member, Deputy = p.Deputy, Level = level }).ToList();

    private static object? Member(IDictionary<string, object?> d, string name) => AssigneeReader.Member(d, name);
}
