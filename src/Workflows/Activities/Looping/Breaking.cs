using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Workflows.Activities.Looping;

/// <summary>A loop that a <see cref="Break"/> below it ends (Elsa's break behaviour): the signal stops here.</summary>
public interface IBreakableLoop;

/// <summary>
/// The break signal as Elsa carries it: a <see cref="Break"/> marks each ancestor up to and including the nearest
/// loop as breaking; a sequence or fork so marked completes when its running child completes, and the loop then
/// completes instead of starting its next iteration.
/// </summary>
public static class Breaking
{
    private const string Property = "IsBreaking";

    /// <summary>Whether a break below this context was signalled.</summary>
    public static bool IsBreaking(ActivityExecutionContext context) =>
        context?.Properties[Property] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>Marks the ancestors of the breaking activity, up to the nearest loop.</summary>
    internal static void Signal(ActivityExecutionContext source)
    {
        foreach (var ancestor in source.Ancestors)
        {
            ancestor.Properties[Property] = true;
            if (ancestor.Activity is IBreakableLoop) return;
        }
    }
}
