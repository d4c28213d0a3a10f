using Microsoft.Extensions.Options;

namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>The engine's time zone (<see cref="WorkflowEngineOptions.TimeZone"/>), resolved once.</summary>
public sealed class WorkflowTimeZone
{
    /// <summary>Resolves the configured zone (reading the options runs their validation: an unknown id stops the start naming the key).</summary>
    public WorkflowTimeZone(IOptions<WorkflowEngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
    }

    /// <summary>The zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The zone of an IANA (or Windows) id; null when unknown.</summary>
    public static TimeZoneInfo? Resolve(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
