namespace Opiskeluhuolto.Planning.Tests;

/// <summary>The planning module references the engine and nothing of the web, the scheduler or mail (docs/adr/0003).</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Planning_ReferencesTheEngineButNoHostWebQuartzOrMail()
    {
        var references = typeof(PlanningServiceCollectionExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Opiskeluhuolto.Workflows", references);
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Quartz", StringComparison.Ordinal)
            || n is "MailKit" or "MimeKit" or "Opiskeluhuolto.Host" or "Opiskeluhuolto.Notifications");
    }
}
