using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opiskeluhuolto.Host.Startup;

namespace Opiskeluhuolto.Host.Tests;

public sealed class WorkflowsJsonLoaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-json-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task Startup_ImportsValidFiles_SkipsBrokenOnes_AndReimportsOnlyChangedFiles()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "plan-approval.json"), "\uFEFF" + TestApp.TestData("plan-approval-flowchart.json"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "sub", "review.json"), TestApp.TestData("fork-join-parallel-review.json"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.json"), "{ \"definitionId\": \"broken\", \"root\": { \"type\": \"Nope\" ");
        await using var app = new TestApp(_folder);
        using var client = app.Admin();

        var list = await (await client.GetAsync("/elsa/api/workflow-definitions?versionOptions=Published")).JsonAsync();

        Assert.Equal(["plan-approval", "plan-parallel-review"], list["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()).Order());
        var loader = app.Services.GetRequiredService<WorkflowsJsonLoader>();
        Assert.Equal((0, 2, 1), await loader.LoadAsync());

        var changed = JsonNode.Parse(TestApp.TestData("plan-approval-flowchart.json"))!;
        changed["description"] = "Changed on disk";
        await File.WriteAllTextAsync(Path.Combine(_folder, "plan-approval.json"), changed.ToJsonString());
        Assert.Equal((1, 1, 1), await loader.LoadAsync());

        var definition = await (await client.GetAsync("/elsa/api/workflow-definitions/by-definition-id/plan-approval?versionOptions=Published")).JsonAsync();
        Assert.Equal("Changed on disk", definition["description"]!.GetValue<string>());
        var versions = await (await client.GetAsync("/elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds=plan-approval")).JsonAsync();
        Assert.Equal(1, versions["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Startup_RepositoryFolder_ListsShippedWorkflows()
    {
        var repositoryFolder = TestApp.WorkflowsJsonFolder();
        await using var app = new TestApp(repositoryFolder);
        using var client = app.Admin();

        var response = await client.GetAsync("/elsa/api/workflow-definitions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await response.JsonAsync())["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()).ToList();
        var expected = Directory.GetFiles(repositoryFolder, "*.json", SearchOption.AllDirectories).Select(f => JsonNode.Parse(File.ReadAllText(f))!["definitionId"]!.GetValue<string>());
        Assert.Equal(expected.Order(), ids.Order());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
