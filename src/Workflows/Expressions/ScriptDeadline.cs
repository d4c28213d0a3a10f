using System.Diagnostics;
using Jint;

namespace Opiskeluhuolto.Workflows.Expressions;

/// <summary>
/// Stops a script that runs longer than its timeout, by the clock read at each check: Jint's own time constraint starts a
/// timer (a <see cref="CancellationTokenSource"/> with a delay) for every evaluation, which under many short evaluations
/// was a measurable share of a workflow start and contended on the process's timer queue.
/// </summary>
internal sealed class ScriptDeadline(TimeSpan timeout) : Constraint
{
    private readonly long _ticks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    private long _deadline = long.MaxValue;

    /// <inheritdoc />
    public override void Reset() => _deadline = Stopwatch.GetTimestamp() + _ticks;

    /// <inheritdoc />
    public override void Check()
    {
        if (Stopwatch.GetTimestamp() > _deadline) throw new TimeoutException();
    }
}
