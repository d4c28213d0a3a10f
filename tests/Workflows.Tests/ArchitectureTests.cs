namespace Opiskeluhuolto.Workflows.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Engine_ReferencesNoWebQuartzOrMail()
    {
        var references = typeof(Runtime.WorkflowRuntime).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Quartz", StringComparison.Ordinal) || n is "MailKit" or "MimeKit");
    }
}
