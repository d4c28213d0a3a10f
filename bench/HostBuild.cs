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

    /// <summary>
    /// Publishes <paramref name="project"/> as the Dockerfile does (Release, ReadyToRun for this machine) into
    /// <paramref name="output"/>. The ReadyToRun images are compiled afresh, as the Dockerfile's clean build does: once,
    /// after the engine's assembly changed, an incremental publish reused a Host image and the published app aborted at
    /// start (a clean one did not).
    /// </summary>
    public static Task PublishAsync(string root, string project, string output)
    {
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var images = Path.Combine(project, "obj", "Release", "net10.0", rid, "R2R");
        if (Directory.Exists(images)) Directory.Delete(images, recursive: true);
        return RunAsync(root, ["publish", "-c", "Release", "-r", rid, "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "--nologo", "-v", "q", project], project);
    }

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
