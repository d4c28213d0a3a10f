using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Planning.Approvals;

/// <summary>
/// <c>Opiskeluhuolto.SendTaskDigests</c>: on a working day, mails everyone who has several open requests across the
/// planning cycles one summary of them, soonest deadline first, with the link to their task page. Started each working
/// morning by the shipped <c>participant-digest</c> workflow (a cron trigger an admin can change in Studio). The mail's
/// id holds the person and the day, so a second run on the same day sends nothing new.
/// </summary>
public sealed class SendTaskDigests(ApprovalTasks tasks, FinnishBusinessCalendar calendar) : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Opiskeluhuolto.SendTaskDigests";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Approvals", "Mails each person with several open requests one summary of them (on working days only).",
        displayName: "Send task digests",
        inputs:
        [
            Input("MinimumOpen", "Int32", "A person gets a summary when this many of their requests are open.", defaultValue: 2),
            Input("WorkingDaysOnly", "Boolean", "Send nothing on weekends and Finnish public holidays.", defaultValue: JsonValue.Create(true), defaultSyntax: "Literal"),
        ],
        outputs: [Output("Sent", "Int32", "How many people got a summary.")]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var today = calendar.LocalDate(context.Workflow.Now);
        var sent = 0;
        if (context.Get<bool?>("WorkingDaysOnly") == false || calendar.IsWorkingDay(today))
        {
            var minimum = Math.Max(1, context.Get<int?>("MinimumOpen") ?? 2);
            foreach (var (email, open) in (await tasks.OpenForEveryoneAsync()).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
            {
                if (open.Count < minimum) continue;
                var first = open[0];
                var key = ApprovalMailEffect.RecipientKey(email);
                var recipient = new ApprovalPerson { Email = email, Name = open.Select(t => t.PersonName).FirstOrDefault(n => n is not null), Language = first.Language };
                context.Workflow.Effects.Add(new TaskDigestMailEffect($"digest.{today:yyyy-MM-dd}.{key}@opiskeluhuolto.workflows", context.Workflow.InstanceId, recipient,
                    [.. open.Select(t => new TaskDigestItem(t.Title, t.Kind, t.DueAt))]));
                sent++;
            }
        }

        context.SetOutput("Sent", sent);
        context.JournalData["Sent"] = sent.ToString(CultureInfo.InvariantCulture);
        await context.CompleteAsync();
    }
}
