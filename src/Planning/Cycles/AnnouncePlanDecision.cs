using System.Text.Json.Nodes;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.Cycles.Records;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// <c>Opiskeluhuolto.AnnouncePlanDecision</c>: tells the group, the deputies and the education providers that the
/// council approved the plan — with the decision as recorded (date, section, case number, minutes) and the plan's public
/// address — each in their own language. It reads the cycle's records, so it can only follow a recorded council approval.
/// </summary>
public sealed class AnnouncePlanDecision(CycleRecordStore records, PeopleDirectory? directory = null) : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Opiskeluhuolto.AnnouncePlanDecision";

    /// <summary>The mail template.</summary>
    public const string Template = "plan-approved";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Approvals", "Tells everyone concerned that the council approved the plan, with the recorded decision and the plan's public address, in each person's language.",
        displayName: "Announce the plan decision",
        outcomes: ["Done"],
        inputs:
        [
            Input("Recipients", "Object", "People: [{\"email\":…, \"name\":…, \"language\":\"fi|sv|en\", \"deputy\":{…}}] (deputies hear too), or roles from the people directory.", uiHint: "json-editor", defaultSyntax: "Object"),
            Input("Title", "String", "The plan's title in Finnish."),
            Input("TitleSv", "String", "The plan's title in Swedish (empty: the Finnish one)."),
            Input("TitleEn", "String", "The plan's title in English (empty: the Finnish one)."),
        ]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var kept = await records.ListAsync(context.Workflow);
        var decision = kept.LastOrDefault(r => r.Kind == CycleRecordKinds.Decision && r["body"] == "council" && r["outcome"] == "Approved")
            ?? throw new InvalidOperationException("The plan decision can be announced only after the council's approval has been recorded.");
        var attachment = kept.LastOrDefault(r => r.Kind == CycleRecordKinds.Attachment);
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in new[] { "body", "meetingDate", "section", "caseNumber", "minutesUrl" })
        {
            if (decision[field] is { } value) facts[field] = value;
        }

        if (decision.Data["documentVersion"] is JsonValue version) facts["documentVersion"] = version.ToJsonString();
        if (attachment?["publicUrl"] is { } publicUrl) facts["publicUrl"] = publicUrl;
        if (attachment?["attachmentUrl"] is { } attachmentUrl) facts["attachmentUrl"] = attachmentUrl;
        var documents = new[] { facts.GetValueOrDefault("publicUrl"), decision["documentUrl"] }.OfType<string>().Distinct().ToList();

        var people = await AssigneeReader.ReadAsync(context.Get("Recipients"), directory, "Announce the plan decision");
        var sent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in people.SelectMany(p => new[] { p.Member, p.Deputy }).OfType<ApprovalPerson>().Where(p => p.Email.Length > 0 && sent.Add(p.Email.Trim())))
        {
            var key = ApprovalMailEffect.RecipientKey(person.Email.Trim());
            context.Workflow.Effects.Add(new ApprovalMailEffect(Template, $"{context.Workflow.InstanceId}.{context.Id}.announce.{key}@opiskeluhuolto.workflows", context.Workflow.InstanceId,
                "announcement", person, TitleIn(context, person.Language), null, documents, decision.RecordedAt, person.Organisation)
            { RequestKind = "Announcement", Facts = facts });
        }

        context.Workflow.Journal(context, "PlanDecisionAnnounced", $"{sent.Count} recipient(s)", new JsonObject { ["Recipients"] = sent.Count, ["Section"] = facts.GetValueOrDefault("section") });
        await context.CompleteAsync(["Done"]);
    }

    private static string TitleIn(ActivityExecutionContext context, string language) => language switch
    {
        "sv" when context.Get<string>("TitleSv") is { Length: > 0 } sv => sv,
        "en" when context.Get<string>("TitleEn") is { Length: > 0 } en => en,
        _ => context.Get<string>("Title") ?? "",
    };
}
