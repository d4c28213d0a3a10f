namespace Opiskeluhuolto.TestSupport;

/// <summary>The repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The repository's root folder (where the solution is), found above the test folder.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "workflows-json")) && File.Exists(Path.Combine(dir.FullName, "Opiskeluhuolto.Workflows.sln"))) return dir.FullName;
            }

            throw new DirectoryNotFoundException("The repository root was not found above the test folder.");
        }
    }
}
