using Microsoft.Extensions.Logging;
using Opiskeluhuolto.Workflows.Activities;
using Opiskeluhuolto.Workflows.Expressions;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>The narrow set of services a burst and its activities may use.</summary>
public sealed class WorkflowExecutionServices(ActivityRegistry registry, IExpressionEvaluator expressions, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Activity types.</summary>
    public ActivityRegistry Registry { get; } = registry;

    /// <summary>Expression languages.</summary>
    public IExpressionEvaluator Expressions { get; } = expressions;

    /// <summary>Clock.</summary>
    public TimeProvider Time { get; } = timeProvider;

    /// <summary>Logger for engine events.</summary>
    public ILogger Logger { get; } = logger;

    /// <summary>A new 64-bit id rendered as lower-case hex (Elsa's identity format); see <see cref="IdGenerator"/>.</summary>
    public string NewId() => IdGenerator.New();
}
