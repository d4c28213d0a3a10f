namespace Opiskeluhuolto.Workflows.Tests;

/// <summary>The engine knows no domain, no web, no scheduler and no mail library (docs/adr/0003).</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Engine_ReferencesNoModuleWebQuartzMailOrHolidays()
    {
        var references = typeof(Runtime.WorkflowRuntime).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Microsoft.EntityFrameworkCore", references);
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Quartz", StringComparison.Ordinal)
            || n is "MailKit" or "MimeKit" or "PublicHoliday" or "Opiskeluhuolto.Planning" or "Opiskeluhuolto.Notifications" or "Opiskeluhuolto.Host");
    }

    [Fact]
    public void Engine_PublicTypesNameNoDomainWord()
    {
        string[] domainWords = ["Approval", "Meeting", "Cycle", "Finnish", "Directory", "Steering", "Planning"];
        var names = typeof(Runtime.WorkflowRuntime).Assembly.GetExportedTypes().Select(t => t.FullName!).ToList();

        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, n => domainWords.Any(w => n.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }
}
