using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Opiskeluhuolto.Planning.Approvals;
using Opiskeluhuolto.Planning.Calendar;
using Opiskeluhuolto.Planning.Cycles;
using Opiskeluhuolto.Planning.People;
using Opiskeluhuolto.Planning.Meetings;
using Opiskeluhuolto.Planning.Persistence;
using Opiskeluhuolto.Planning.Persistence.PostgreSql;
using Opiskeluhuolto.Workflows;
using Opiskeluhuolto.Workflows.Expressions;
using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Planning;

/// <summary>Registers the planning module on an engine added with <c>AddWorkflowEngine</c>.</summary>
public static class PlanningServiceCollectionExtensions
{
    /// <summary>
    /// Adds the planning domain: its activities, effect kinds, calendar and script functions, people directory, planners
    /// and its tables. The engine's time zone becomes the calendar's (<c>Calendar:TimeZone</c>).
    /// </summary>
    public static IServiceCollection AddPlanning(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CalendarOptions>()
            .Validate(o => Workflows.Runtime.WorkflowTimeZone.Resolve(o.TimeZone) is not null, "Calendar:TimeZone must be a known time zone id (e.g. Europe/Helsinki).")
            .Validate(o => o.ReminderHour is >= 0 and <= 23, "Calendar:ReminderHour must be an hour from 0 to 23.")
            .ValidateOnStart();
        services.AddOptions<WorkflowEngineOptions>().Configure<IOptions<CalendarOptions>>((engine, calendar) => engine.TimeZone = calendar.Value.TimeZone);
        services.AddSingleton<FinnishBusinessCalendar>();
        services.AddSingleton<IScriptFunctions, CalendarScriptFunctions>();

        services.AddActivity<RequestApproval>();
        services.AddActivity<InviteToMeetings>();
        services.AddActivity<WaitForReminder>();
        services.AddActivity<SendTaskDigests>();
        services.AddActivity<AnnouncePlanDecision>();
        services.AddActivity<StartNextSteeringYear>();
        services.AddWorkflowEffect<ApprovalMailEffect>("approval-mail");
        services.AddWorkflowEffect<InboxLinkMailEffect>("inbox-link-mail");
        services.AddWorkflowEffect<MeetingMailEffect>("meeting-mail");
        services.AddWorkflowEffect<TaskDigestMailEffect>("task-digest-mail");

        services.AddSingleton<ApprovalTasks>();
        services.AddSingleton<IWorkflowCommitContributor, ApprovalSeatIndex>();
        services.AddSingleton<IWorkflowCommitContributor, Cycles.Records.CycleRecordWriter>();
        services.AddSingleton<Cycles.Records.CycleRecordStore>();
        services.AddSingleton<PeopleDirectory>();
        services.AddSingleton<DirectoryImporter>();
        services.AddSingleton<PersonalDataEraser>();
        services.AddSingleton<CyclePlanner>();
        services.AddSingleton<SteeringGroupPlanner>();
        services.AddSingleton<CycleService>();
        AddPlanningDatabase(services);
        return services;
    }

    private static void AddPlanningDatabase(IServiceCollection services)
    {
        var storage = services.LastOrDefault(d => d.ServiceType == typeof(WorkflowStorage))?.ImplementationInstance as WorkflowStorage
            ?? throw new InvalidOperationException("AddPlanning() needs the engine: call AddWorkflowEngine(...) first.");
        services.AddSingleton<IModuleDatabase, PlanningDatabase>();
        if (storage.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddPooledDbContextFactory<PostgreSqlPlanningDbContext>(o =>
                o.UseNpgsql(storage.ConnectionString, n => n.MigrationsHistoryTable(PlanningDbContext.HistoryTable)));
            services.AddSingleton<IDbContextFactory<PlanningDbContext>>(sp =>
                new PostgreSqlPlanningContextFactory(sp.GetRequiredService<IDbContextFactory<PostgreSqlPlanningDbContext>>()));
        }
        else
        {
            services.AddPooledDbContextFactory<PlanningDbContext>(o =>
                o.UseSqlite(storage.ConnectionString, s => s.MigrationsHistoryTable(PlanningDbContext.HistoryTable)).AddInterceptors(new SqlitePragmaInterceptor()));
        }
    }
}
