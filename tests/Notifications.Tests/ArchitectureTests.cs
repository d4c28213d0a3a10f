namespace Opiskeluhuolto.Notifications.Tests;

/// <summary>Mail knows nothing of the web host (docs/adr/0003).</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Notifications_ReferencesNeitherHostNorWeb()
    {
        var references = typeof(Templates.MailTemplates).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("MailKit", references);
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n is "Opiskeluhuolto.Host");
    }
}
