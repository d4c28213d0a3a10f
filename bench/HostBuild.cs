using System.Diagnostics;

namespace Opiskeluhuolto.Bench;

/// <summary>Builds <c>src/Host</c> in Release (incremental: seconds when nothing changed), so the Host-process metrics run the current code.</summary>
internal static class HostBuild
{
    public static async Task RunAsync()
    {
        var root = FollowUpStarts.FindRepository();
        if (root is null)
        {
            Console.WriteLine("# repository not found: the Host is not built; Host metrics use whatever build exists");
            return;
        }

        var clock = Stopwatch.StartNew();
        await BuildAsync(root, Path.Combine(root, "src", "Host"));
        await BuildAsync(root, Path.Combine(root, "bench", "BareHost"));
        Console.WriteLine($"# src/Host and the bare cold-start app built in Release ({clock.Elapsed.TotalSeconds:F0} s)");
    }

    /// <summary>Publishes <paramref name="project"/> as the Dockerfile does (Release, ReadyToRun for this machine) into <paramref name="output"/>.</summary>
    public static Task PublishAsync(string root, string project, string output) =>
        RunAsync(root, ["publish", "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
            "-p:PublishReadyToRun=true", "-o", output, "--nologo", "-v", "q", project], project);

    private static Task BuildAsync(string root, string project) => RunAsync(root, ["build", "-c", "Release", "--nologo", "-v", "q", project], project);

    private static async Task RunAsync(string root, string[] arguments, string project)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {arguments[0]} {project} failed:\n{await output}\n{await errors}");
    }
}
