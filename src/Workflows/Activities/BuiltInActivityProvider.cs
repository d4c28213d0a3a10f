using Opiskeluhuolto.Workflows.Activities.Branching;
using Opiskeluhuolto.Workflows.Activities.Composition;
using Opiskeluhuolto.Workflows.Activities.Email;
using Opiskeluhuolto.Workflows.Activities.Flow;
using Opiskeluhuolto.Workflows.Activities.Http;
using Opiskeluhuolto.Workflows.Activities.Primitives;
using Opiskeluhuolto.Workflows.Activities.Scheduling;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>The engine's own activity types (Elsa's catalogue as far as we run it).</summary>
public sealed class BuiltInActivityProvider(WorkflowHttp http, WorkflowTimeZone timeZone) : IActivityProvider
{
    /// <inheritdoc />
    public IEnumerable<Activity> GetActivities() =>
    [
        new WorkflowActivity(), new Flowchart(), new Sequence(), new Start(), new End(), new Finish(), new Complete(),
        new WriteLine(), new RunJavaScript(), new SetVariable(), new SetName(), new Correlate(), new SetOutput(), new Fault(),
        new If(), new FlowDecision(), new Switch(), new FlowSwitch(), new ForEach(), new Looping.While(), new Looping.For(), new Looping.Break(), new Looping.ParallelForEach(), new FlowNode(), new StateMachine(), new Fork(), new FlowFork(), new FlowJoin(),
        new Delay(), new TimerActivity(), new Cron(timeZone), new StartAt(),
        new Event(), new PublishEvent(), new RunTask(),
        new ExecuteWorkflow(), new DispatchWorkflow(), new BulkDispatchWorkflows(), new SendEmail(),
        new FlowSendHttpRequest(http), new SendHttpRequest(http), new HttpEndpoint(), new WriteHttpResponse(),
    ];
}
