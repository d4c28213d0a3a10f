using Microsoft.Extensions.Logging;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Effects the engine carries out itself: dispatch, events, parent notification, console lines, task requests, e-mail via the port.</summary>
public sealed partial class EngineEffectHandler(WorkflowRuntime runtime, IEnumerable<IEmailSender> emailSenders, ILogger<EngineEffectHandler> logger) : IWorkflowEffectHandler
{
    private readonly IEmailSender? _emailSender = emailSenders.LastOrDefault();

    /// <inheritdoc />
    public bool CanHandle(WorkflowEffect effect) => effect switch
    {
        SendEmailEffect => _emailSender is not null,
        DispatchWorkflowEffect or PublishEventEffect or NotifyParentEffect or WriteLineEffect or RunTaskEffect => true,
        _ => false,
    };

    /// <inheritdoc />
    public bool IsIdempotent(WorkflowEffect effect) => effect switch
    {
        SendEmailEffect => _emailSender?.IsIdempotent ?? false,
        PublishEventEffect => false,
        _ => true,
    };

    /// <inheritdoc />
    public async Task HandleAsync(WorkflowEffect effect, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case DispatchWorkflowEffect dispatch:
                await runtime.StartDispatchedAsync(dispatch, cancellationToken);
                break;
            case PublishEventEffect publish:
                await runtime.DeliverAsync(Stimulus.ForEvent(publish.EventName, Values.DynamicJson.FromNode(publish.Payload), publish.CorrelationId, publish.WorkflowInstanceId), cancellationToken);
                break;
            case NotifyParentEffect notify:
                await runtime.NotifyParentAsync(notify, cancellationToken);
                break;
            case WriteLineEffect line:
                LogLine(logger, line.WorkflowInstanceId, line.Text);
                break;
            case RunTaskEffect task:
                LogTask(logger, task.WorkflowInstanceId, task.TaskName, task.TaskId);
                break;
            case SendEmailEffect mail:
                await _emailSender!.SendAsync(mail, cancellationToken);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "[{WorkflowInstanceId}] {Text}")]
    private static partial void LogLine(ILogger logger, string workflowInstanceId, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow instance {WorkflowInstanceId} requests task {TaskName} ({TaskId})")]
    private static partial void LogTask(ILogger logger, string workflowInstanceId, string taskName, string taskId);
}
