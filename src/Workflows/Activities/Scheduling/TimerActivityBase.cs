using System.Globalization;
using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities.Scheduling;

/// <summary>Shared timer behaviour: a one-shot bookmark that a scheduler resumes by id at its due time.</summary>
public abstract class TimerActivityBase : Activity
{
    /// <summary>Bookmark payload member holding the due time.</summary>
    protected abstract string DueMember { get; }

    /// <summary>Creates the timer bookmark.</summary>
    protected ValueTask WaitUntil(ActivityExecutionContext context, DateTimeOffset due, JsonObject? extra = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = new JsonObject { [DueMember] = due.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) };
        foreach (var (k, v) in extra ?? []) payload[k] = v?.DeepClone();
        context.CreateBookmark(payload: payload);
        return ValueTask.CompletedTask;
    }

    /// <summary>The due time of a timer bookmark.</summary>
    public static DateTimeOffset? DueTime(Bookmark bookmark)
    {
        ArgumentNullException.ThrowIfNull(bookmark);
        var text = bookmark.Payload?["ResumeAt"]?.GetValue<string>() ?? bookmark.Payload?["ExecuteAt"]?.GetValue<string>();
        return text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override IEnumerable<string> TimerBookmarkNames => [TypeName];
}
