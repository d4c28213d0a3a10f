using Opiskeluhuolto.Workflows.Activities.Branching;
using Opiskeluhuolto.Workflows.Activities.Composition;
using Opiskeluhuolto.Workflows.Activities.Email;
using Opiskeluhuolto.Workflows.Activities.Flow;
using Opiskeluhuolto.Workflows.Activities.Primitives;
using Opiskeluhuolto.Workflows.Activities.Scheduling;

namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>The built-in activity catalogue.</summary>
public static class BuiltInActivities
{
    /// <summary>One instance of each built-in type; <paramref name="http"/> serves the HTTP activities, <paramref name="calendar"/> the reminder waits.</summary>
    public static IReadOnlyList<Activity> Create(Http.WorkflowHttp http, Calendar.FinnishBusinessCalendar calendar, Approvals.PeopleDirectory? directory = null) =>
    [
        new WorkflowActivity(), new Flowchart(), new Sequence(), new Start(), new End(), new Finish(), new Complete(),
        new WriteLine(), new SetVariable(), new SetName(), new Correlate(), new SetOutput(), new Fault(),
        new If(), new FlowDecision(), new Switch(), new FlowSwitch(), new ForEach(), new Fork(), new FlowFork(), new FlowJoin(),
        new Delay(), new TimerActivity(), new Cron(calendar), new StartAt(),
        new Event(), new PublishEvent(), new RunTask(),
        new ExecuteWorkflow(), new DispatchWorkflow(), new BulkDispatchWorkflows(), new SendEmail(),
        new Http.FlowSendHttpRequest(http),
        new WaitForReminder(calendar),
        new Approvals.RequestApproval(calendar, directory),
        new Meetings.InviteToMeetings(calendar, directory),
    ];
}
