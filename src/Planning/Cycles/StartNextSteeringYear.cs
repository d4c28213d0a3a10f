using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Activities.Descriptors;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Values;
using static Opiskeluhuolto.Workflows.Activities.Descriptors.Describe;

namespace Opiskeluhuolto.Planning.Cycles;

/// <summary>
/// <c>Opiskeluhuolto.StartNextSteeringYear</c>: at the end of a steering group's year, plans the next one (the file's
/// meetings of that year or this year's again, the working committee's rotation carried on) and starts it as a new
/// instance correlated with the group — after this one's commit, when this year has ended, so the group stays a
/// correlated singleton.
/// </summary>
public sealed class StartNextSteeringYear(SteeringGroupPlanner planner) : Activity
{
    /// <inheritdoc />
    public override string TypeName => "Opiskeluhuolto.StartNextSteeringYear";

    /// <inheritdoc />
    protected override ActivityDescriptor Describe() => Activity(TypeName, "Meetings", "Plans the steering group's next year (meetings, rotation of chair and secretary, tasks) and starts it.",
        displayName: "Start the next year",
        outcomes: ["Done"],
        inputs:
        [
            Input("Group", "Object", "This year (the input of steering-group-year).", uiHint: "json-editor", defaultSyntax: "Object"),
            Input("WorkflowDefinitionId", "String", "The workflow of a year.", defaultValue: CycleService.SteeringGroupDefinitionId),
        ],
        outputs: [Output("NextYear", "Object", "The next year's input.")]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var year = DynamicJson.ToNode(context.Get("Group")) as JsonObject ?? throw new InvalidOperationException("Start the next year needs this year's input (Group).");
        var next = planner.Next(year);
        var definition = context.Get<string>("WorkflowDefinitionId") is { Length: > 0 } d ? d : CycleService.SteeringGroupDefinitionId;
        context.Workflow.Effects.Add(new DispatchWorkflowEffect(definition, context.Workflow.Services.NewId(), new JsonObject { ["Group"] = next }, (string?)next["id"], null, false));
        context.SetOutput("NextYear", DynamicJson.FromNode(next));
        context.Workflow.Journal(context, "SteeringYearContinued", $"{SteeringGroupPlanner.Int(next["year"])}: {(next["meetings"] as JsonArray)?.Count ?? 0} meeting(s)",
            new JsonObject { ["Year"] = SteeringGroupPlanner.Int(next["year"]), ["Meetings"] = (next["meetings"] as JsonArray)?.Count ?? 0 });
        await context.CompleteAsync(["Done"]);
    }
}
