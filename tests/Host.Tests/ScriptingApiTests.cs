using System.Net;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>The Studio's JavaScript editor gets the declarations of a workflow's script globals (it asked and got 404 before).</summary>
public sealed class ScriptingApiTests
{
    [Fact]
    public async Task TypeDefinitions_OfAShippedWorkflow_DeclareItsVariablesInputsAndEveryFunction()
    {
        await using var app = new TestApp(TestApp.WorkflowsJsonFolder());
        using var admin = app.Admin();
        var definition = await (await admin.GetAsync("/elsa/api/workflow-definitions/by-definition-id/cycle-group-approval?versionOptions=Latest")).JsonAsync();

        var response = await admin.PostJsonAsync("/elsa/api/scripting/javascript/type-definitions/cycle-group-approval",
            new JsonObject { ["workflowDefinitionId"] = "cycle-group-approval", ["activityTypeName"] = "Elsa.SetVariable", ["propertyName"] = "Value" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-typescript", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var names = definition["variables"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            var pascal = char.ToUpperInvariant(name[0]) + name[1..];
            Assert.Contains($"declare function get{pascal}(): ", text, StringComparison.Ordinal);
            Assert.Contains($"declare function set{pascal}(value: ", text, StringComparison.Ordinal);
        }

        foreach (var input in definition["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()))
            Assert.Contains($"declare function get{char.ToUpperInvariant(input[0]) + input[1..]}(): ", text, StringComparison.Ordinal);
        Assert.Contains("declare function getInput(name: string): any;", text, StringComparison.Ordinal);
        Assert.Contains("declare function addWorkingDays(date: string, days: number): string;", text, StringComparison.Ordinal);
        Assert.Contains("declare function createEventTriggerUrl(eventName: string", text, StringComparison.Ordinal);
        Assert.Contains("declare function renderMailTemplate(kind: string", text, StringComparison.Ordinal);
        Assert.Contains("declare function createMeetingInvite(meeting: {", text, StringComparison.Ordinal);
        // Only declarations, comments and the variables object: a file Monaco's TypeScript service takes as it is.
        Assert.All(text.Split('\n'), line => Assert.True(line.Length == 0 || line.StartsWith("declare ", StringComparison.Ordinal) || line.StartsWith("//", StringComparison.Ordinal)
            || line.StartsWith("/**", StringComparison.Ordinal) || line.StartsWith("  ", StringComparison.Ordinal) || line == "};", line));
    }

    [Fact]
    public async Task TypeDefinitions_OfAWorkflowNotSavedYet_AreTheGlobals()
    {
        await using var app = new TestApp();
        using var admin = app.Admin();

        var response = await admin.PostJsonAsync("/elsa/api/scripting/javascript/type-definitions/uusi-luonnos", new JsonObject());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("declare function setVariable(name: string, value: any): void;", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/elsa/api/scripting/javascript/type-definitions/uusi-luonnos", new JsonObject())).StatusCode);
    }

    [Theory]
    [InlineData("Int32", "number")]
    [InlineData("List<String>", "string[]")]
    [InlineData("String[]", "string[]")]
    [InlineData("DateTimeOffset", "string")]
    [InlineData("System.Boolean, System.Private.CoreLib", "boolean")]
    [InlineData("Object", "any")]
    [InlineData("Dictionary<String, Object>", "any")]
    public void ElsaTypes_MapToTypeScript(string elsa, string typeScript) =>
        Assert.Equal(typeScript, Opiskeluhuolto.Workflows.Expressions.JavaScriptTypeDefinitions.TypeScript(elsa));
}
