using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Planning.Meetings;

/// <summary>A coming meeting one person is invited to (for their calendar feed).</summary>
public sealed record PersonMeeting(string InstanceId, string MeetingId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Location);

/// <summary>The meetings of running workflows a person is invited to (as member or as deputy).</summary>
public static class MeetingsOf
{
    /// <summary>Coming meetings <paramref name="email"/> is invited to, in <paramref name="language"/>.</summary>
    public static async Task<IReadOnlyList<PersonMeeting>> PersonAsync(IDbContextFactory<WorkflowsDbContext> contexts, string email, string language, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(email);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pattern = "%" + email.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var rows = await db.WorkflowInstances.AsNoTracking().Where(i => i.Status == "Running" && EF.Functions.Like(i.Data.ToLower(), pattern, "\\")).Select(i => new { i.Id, i.Data }).ToListAsync(cancellationToken);
        var result = new List<PersonMeeting>();
        foreach (var row in rows)
        {
            var state = JsonSerializer.Deserialize<WorkflowState>(row.Data, WorkflowJson.Options);
            foreach (var context in state?.ActivityExecutionContexts ?? [])
            {
                if (context.Properties["Meetings"] is not JsonObject meetings) continue;
                var series = meetings.Deserialize<MeetingSeriesState>(WorkflowJson.Options);
                foreach (var meeting in series?.Meetings ?? [])
                {
                    var invited = meeting.Invitees.Any(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase))
                        || meeting.Deputies.Values.Any(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
                    if (!invited || meeting.Held || meeting.EndsAt < now) continue;
                    var title = meeting.Title.GetValueOrDefault(language) ?? meeting.Title.GetValueOrDefault("fi") ?? meeting.Id;
                    result.Add(new PersonMeeting(row.Id, meeting.Id, title, meeting.StartsAt, meeting.EndsAt, meeting.Location));
                }
            }
        }

        return result.OrderBy(m => m.StartsAt).ToList();
    }
}
