namespace Opiskeluhuolto.Workflows.Activities;

/// <summary>
/// Contributes activity types to the catalogue. The engine's built-ins come from one provider; a module adds its own
/// with <see cref="WorkflowsServiceCollectionExtensions.AddActivity{TActivity}"/> or by registering a provider.
/// </summary>
public interface IActivityProvider
{
    /// <summary>One instance of each type (activities are stateless singletons).</summary>
    IEnumerable<Activity> GetActivities();
}
