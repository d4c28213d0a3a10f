using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Host.Tests;

/// <summary>One Host shared by the malformed-request theories, with the plan-approval example imported (and published).</summary>
public sealed class MalformedRequestFixture : IAsyncLifetime
{
    internal TestApp App { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync() => await App.ImportAsync(TestApp.TestData(MalformedRequestTests.ExampleFile));

    /// <inheritdoc />
    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Malformed definitions, bodies, queries and routes: each must be a 4xx <c>application/problem+json</c> that names the offending
/// JSON path (or id), and must leave the stored definitions exactly as they were.
/// </summary>
public sealed class MalformedRequestTests(MalformedRequestFixture fixture) : IClassFixture<MalformedRequestFixture>
{
    internal const string ExampleFile = "plan-approval-flowchart.json";
    private const string Definitions = "/elsa/api/workflow-definitions";
    private const string ImportUrl = Definitions + "/import";
    private const string ListUrl = Definitions + "?versionOptions=AllVersions";
    private const string ExampleUrl = Definitions + "/by-definition-id/plan-approval";
    private const string Instances = "/elsa/api/workflow-instances";
    private const string MinimalFlowchart = """{"id": "f", "type": "Elsa.Flowchart", "activities": []}""";

    // Activities of the example flowchart (root.activities[i]):
    // 0 Start a1b2c3d4e5f60718, 1 Correlate b2c3d4e5f6071829, 2 SetName c3d4e5f60718293a, 3 SendEmail d4e5f60718293a4b,
    // 4 Event e5f60718293a4b5c, 5 Event f60718293a4b5c6d, 6 Delay 18293a4b5c6d7e8f, 7 SetVariable 293a4b5c6d7e8f90,
    // 8 SetVariable 3a4b5c6d7e8f90a1, 9 SendEmail 4b5c6d7e8f90a1b2, 10 SetVariable 5c6d7e8f90a1b2c3, 11 FlowJoin 6d7e8f90a1b2c3d4,
    // 12 SetOutput 7e8f90a1b2c3d4e5, 13 WriteLine 8f90a1b2c3d4e5f6; an added activity is root.activities[14].
    // Variables: 0 Decision (4b1e9c0d2f3a5b67, String), 1 ApprovalPayload (5c2f0d1e3a4b6c78, Object). Inputs: PlanId, ApproverEmail. Outputs: Decision.

    /// <summary>A mutation of the example document; <c>Path</c> is the exact error key, or null when only <c>Text</c> is asserted.</summary>
    private sealed record DefinitionCase(string? Path, string Text, Action<JsonObject> Mutate);

    private static readonly Dictionary<string, DefinitionCase> DefinitionCases = new(StringComparer.Ordinal)
    {
        // Activity identity and type.
        ["UnknownActivityType"] = new("root.activities[2].type", "Activity 'c3d4e5f60718293a' has unknown activity type 'Elsa.Teleport'", d => Activity(d, 2)["type"] = "Elsa.Teleport"),
        ["UnknownActivityVersion"] = new("root.activities[0].type", "uses version 7 of type 'Elsa.Start'", d => Activity(d, 0)["version"] = 7),
        ["ActivityVersionNotAnInteger"] = new("root.activities[0].version", "Activity 'a1b2c3d4e5f60718' has a version that is not an integer", d => Activity(d, 0)["version"] = "one"),
        ["ActivityWithoutType"] = new("root.activities[2].type", "Activity 'c3d4e5f60718293a' has no type", d => Activity(d, 2).Remove("type")),
        ["ActivityTypeNotAString"] = new("root.activities[2].type", "Activity 'c3d4e5f60718293a' has no type", d => Activity(d, 2)["type"] = 42),
        ["DuplicateActivityId"] = new("root.activities[2].id", "same id as the activity at root.activities[1]", d => Activity(d, 2)["id"] = "b2c3d4e5f6071829"),
        ["ActivityIdTooLong"] = new("root.activities[13].id", "id longer than 100 characters", d => Activity(d, 13)["id"] = new string('w', 101)),
        ["ActivityNotAnObject"] = new("root.activities[14]", "Flowchart '3f9a1c2b7d4e5f60' has an activity that is not an object", d => AddActivity(d, "\"oops\"")),
        ["FlowchartActivitiesNotAnArray"] = new("root.activities", "Flowchart '3f9a1c2b7d4e5f60' has 'activities' that is not an array", d => Root(d)["activities"] = "none"),
        ["RootUnknownType"] = new("root.type", "unknown activity type 'Elsa.Canvas'", d => Root(d)["type"] = "Elsa.Canvas"),
        ["RootWithoutType"] = new("root.type", "Activity '3f9a1c2b7d4e5f60' has no type", d => Root(d).Remove("type")),
        ["RootMissing"] = new("$.root", "no 'root' activity", d => d.Remove("root")),
        ["RootNull"] = new("$.root", "no 'root' activity", d => d["root"] = null),
        ["MoreThan5000Activities"] = new("root.activities[4999]", "more than 5000 activities", d =>
        {
            Root(d)["activities"] = new JsonArray(Enumerable.Range(0, 5001)
                .Select(i => (JsonNode?)new JsonObject { ["id"] = "w" + i.ToString(CultureInfo.InvariantCulture), ["type"] = "Elsa.WriteLine", ["version"] = 1 })
                .ToArray());
            Root(d)["connections"] = new JsonArray();
        }),

        // Connections and ports.
        ["ConnectionTargetMissing"] = new("root.connections[0].target.activity", "connection 0 ends at activity 'ghost'", d => Connection(d, 0)["target"]!["activity"] = "ghost"),
        ["ConnectionSourceMissing"] = new("root.connections[0].source.activity", "connection 0 starts at activity 'ghost'", d => Connection(d, 0)["source"]!["activity"] = "ghost"),
        ["ConnectionFromUnknownPortOfStart"] = new("root.connections[0].source.port", "uses port 'Nope' of activity 'a1b2c3d4e5f60718'", d => Connection(d, 0)["source"]!["port"] = "Nope"),
        ["ConnectionWithoutTarget"] = new("root.connections[0]", "connection 0 needs a source and a target", d => Connection(d, 0).Remove("target")),
        ["ConnectionFromUnknownPortOfDecision"] = new("root.connections[0].source.port", "uses port 'Maybe' of activity 'decide01'", d =>
        {
            AddActivity(d, """{"id": "decide01", "type": "Elsa.FlowDecision", "version": 1}""");
            Connections(d).Insert(0, JsonNode.Parse("""{"source": {"activity": "decide01", "port": "Maybe"}, "target": {"activity": "8f90a1b2c3d4e5f6", "port": "In"}}"""));
        }),

        // Expressions.
        ["JavaScriptSyntaxError"] = new("root.activities[1].correlationId.expression", "input 'correlationId': JavaScript syntax error", d => Expression(d, 1, "correlationId")["value"] = "return (;"),
        ["JavaScriptTooLong"] = new("root.activities[1].correlationId.expression", "longer than 65536 characters", d => Expression(d, 1, "correlationId")["value"] = "return 1; //" + new string('x', 70_000)),
        ["JavaScriptValueIsAnObject"] = new("root.activities[1].correlationId.expression.value", "a JavaScript expression must be a string", d => Expression(d, 1, "correlationId")["value"] = new JsonObject { ["code"] = "return 1;" }),
        ["JavaScriptValueIsAnArray"] = new("root.activities[1].correlationId.expression.value", "a JavaScript expression must be a string", d => Expression(d, 1, "correlationId")["value"] = new JsonArray(1, 2)),
        ["UnsupportedExpressionType"] = new("root.activities[1].correlationId.expression", "Expression type 'Python' is not supported", d => Expression(d, 1, "correlationId")["type"] = "Python"),
        ["ExpressionIsAString"] = new("root.activities[1].correlationId.expression", "input 'correlationId' has an expression that is not an object", d => Activity(d, 1)["correlationId"]!["expression"] = "return 'plan';"),
        ["LiquidSyntaxError"] = new("root.activities[2].value.expression", "input 'value': Liquid syntax error", d => Expression(d, 2, "value")["value"] = "{% if %}"),
        ["LiquidUnclosedOutput"] = new("root.activities[3].subject.expression", "input 'subject': Liquid syntax error", d => Expression(d, 3, "subject")["value"] = "Plan {{ Input.PlanId"),
        ["ObjectExpressionInvalidJson"] = new("root.activities[9].to.expression", "Invalid JSON in Object expression", d => Expression(d, 9, "to")["value"] = "[\"plan-office@example.com\","),
        ["LiteralWithObjectValue"] = new("root.activities[2].value", "has an object as a Literal value", d => Activity(d, 2)["value"] = Literal("String", new JsonObject { ["a"] = 1 })),
        ["VariableExpressionNamesNothing"] = new("root.activities[12].outputValue.expression", "Variable expression does not name a variable", d => Expression(d, 12, "outputValue")["value"] = ""),

        // Input values against declared input types.
        ["TimeSpanLiteralNotATimeSpan"] = new("root.activities[6].timeSpan", "Activity '18293a4b5c6d7e8f' input 'timeSpan' expects TimeSpan", d => Expression(d, 6, "timeSpan")["value"] = "abc"),
        ["TimeSpanLiteralBoolean"] = new("root.activities[6].timeSpan", "input 'timeSpan' expects TimeSpan", d => Expression(d, 6, "timeSpan")["value"] = true),
        ["TimeSpanObjectExpressionNotATimeSpan"] = new("root.activities[6].timeSpan", "input 'timeSpan' expects TimeSpan", d => Activity(d, 6)["timeSpan"]!["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "\"soon\"" }),
        ["FlowJoinModeUnknown"] = new("root.activities[11].mode", "Activity '6d7e8f90a1b2c3d4' input 'mode' expects FlowJoinMode", d => Expression(d, 11, "mode")["value"] = "Sometimes"),
        ["EventOutputNotAnObject"] = new("root.activities[4].result", "output 'result' must be an object with a memoryReference", d => Activity(d, 4)["result"] = "x"),
        ["SetVariableUndeclaredVariable"] = new("root.activities[7].variable", "sets variable '0000000000000000' (Decision), which is not declared", d => Activity(d, 7)["variable"]!["id"] = "0000000000000000"),
        ["SetVariableWithoutReference"] = new("root.activities[7].variable", "input 'variable' must reference a variable by id", d => Activity(d, 7)["variable"] = "Decision"),
        ["CronExpressionNotCron"] = new("root.activities[14].cronExpression", "Cron expression 'bad' of activity 'cron0001' is not valid", d =>
            AddActivity(d, """{"id": "cron0001", "type": "Elsa.Cron", "version": 1, "cronExpression": {"typeName": "String", "expression": {"type": "Literal", "value": "bad"}}}""")),
        ["CronExpressionOutOfRange"] = new("root.activities[14].cronExpression", "Cron expression '61 * * * * *' of activity 'cron0001' is not valid", d =>
            AddActivity(d, """{"id": "cron0001", "type": "Elsa.Cron", "version": 1, "cronExpression": {"typeName": "String", "expression": {"type": "Literal", "value": "61 * * * * *"}}}""")),
        ["FlowSwitchCasesNotAnArray"] = new("root.activities[14].cases", "input 'cases' must be an array of cases", d =>
            AddActivity(d, """{"id": "switch01", "type": "Elsa.FlowSwitch", "version": 1, "cases": "x"}""")),
        ["FlowSwitchCaseConditionSyntaxError"] = new("root.activities[14].cases[0].condition", "case 0 condition: JavaScript syntax error", d =>
            AddActivity(d, """{"id": "switch01", "type": "Elsa.FlowSwitch", "version": 1, "cases": [{"label": "A", "condition": {"type": "JavaScript", "value": "return (;"}}]}""")),
        ["FlowSwitchModeUnknown"] = new("root.activities[14].mode", "has value 'Sometimes', expected one of MatchFirst, MatchAny", d =>
            AddActivity(d, """{"id": "switch01", "type": "Elsa.FlowSwitch", "version": 1, "cases": [], "mode": "Sometimes"}""")),
        ["ForkJoinModeUnknown"] = new("root.activities[14].joinMode", "has value 'Never', expected one of WaitAll, WaitAny", d =>
            AddActivity(d, """{"id": "fork0001", "type": "Elsa.Fork", "version": 1, "joinMode": "Never"}""")),
        ["FlowDecisionConditionSyntaxError"] = new("root.activities[14].condition.expression", "input 'condition': JavaScript syntax error", d =>
            AddActivity(d, """{"id": "decide01", "type": "Elsa.FlowDecision", "version": 1, "condition": {"typeName": "Boolean", "expression": {"type": "JavaScript", "value": "return getInput('PlanId') ==;"}}}""")),
        ["ForEachItemsSyntaxError"] = new("root.activities[14].items.expression", "input 'items': JavaScript syntax error", d =>
            AddActivity(d, """{"id": "each0001", "type": "Elsa.ForEach", "version": 1, "items": {"typeName": "Object", "expression": {"type": "JavaScript", "value": "return [1,;"}}}""")),

        // Embedded ports and containers.
        ["IfThenPortNotAnActivity"] = new("root.activities[14].then", "has a malformed 'then' port", d =>
            AddActivity(d, """{"id": "if000001", "type": "Elsa.If", "version": 1, "then": "x"}""")),
        ["IfThenUnknownActivityType"] = new("root.activities[14].then.type", "Activity 'inner001' has unknown activity type 'Elsa.Nope'", d =>
            AddActivity(d, """{"id": "if000001", "type": "Elsa.If", "version": 1, "then": {"id": "inner001", "type": "Elsa.Nope", "version": 1}}""")),
        ["IfThenDuplicateActivityId"] = new("root.activities[14].then.id", "same id as the activity at root.activities[0]", d =>
            AddActivity(d, """{"id": "if000001", "type": "Elsa.If", "version": 1, "then": {"id": "a1b2c3d4e5f60718", "type": "Elsa.WriteLine", "version": 1}}""")),
        ["NestedFlowchartConnectionToNowhere"] = new("root.activities[14].connections[0].source.activity", "Flowchart 'sub00001' connection 0 starts at activity 'x1'", d =>
            AddActivity(d, """{"id": "sub00001", "type": "Elsa.Flowchart", "version": 1, "activities": [], "connections": [{"source": {"activity": "x1", "port": "Done"}, "target": {"activity": "x2", "port": "In"}}]}""")),
        ["SequenceChildNotAnObject"] = new("root.activities[14].activities[0]", "Activity 'seq00001' has an activity that is not an object", d =>
            AddActivity(d, """{"id": "seq00001", "type": "Elsa.Sequence", "version": 1, "activities": [5]}""")),
        ["SequenceChildUnknownType"] = new("root.activities[14].activities[0].type", "Activity 'inner001' has unknown activity type 'Elsa.Nope'", d =>
            AddActivity(d, """{"id": "seq00001", "type": "Elsa.Sequence", "version": 1, "activities": [{"id": "inner001", "type": "Elsa.Nope"}]}""")),
        ["ContainerVariableUnknownType"] = new("root.activities[14].variables[0].typeName", "Variable 'Local' has unknown type 'Banana'", d =>
            AddActivity(d, """{"id": "seq00001", "type": "Elsa.Sequence", "version": 1, "variables": [{"id": "local001", "name": "Local", "typeName": "Banana"}], "activities": []}""")),
        ["ContainerVariablesMalformed"] = new("root.activities[14].variables", "Activity 'seq00001' has malformed variables", d =>
            AddActivity(d, """{"id": "seq00001", "type": "Elsa.Sequence", "version": 1, "variables": [{"id": "local001", "name": "Local", "isArray": "no"}], "activities": []}""")),

        // Definition header.
        ["DefinitionIdWithSlash"] = new("definitionId", "may not contain control characters, slashes", d => d["definitionId"] = "plan/approval"),
        ["DefinitionIdWithHash"] = new("definitionId", "may not contain control characters, slashes", d => d["definitionId"] = "plan#approval"),
        ["DefinitionIdTooLong"] = new("definitionId", "The definition id is longer than 100 characters", d => d["definitionId"] = new string('p', 101)),
        ["DefinitionIdMissing"] = new("definitionId", "has no 'definitionId'", d => d.Remove("definitionId")),
        ["DefinitionIdBlank"] = new("definitionId", "has no 'definitionId'", d => d["definitionId"] = "   "),
        ["DefinitionIdNotAString"] = new("$.definitionId", "Invalid value", d => d["definitionId"] = 5),
        ["NameTooLong"] = new("name", "The name is longer than 200 characters", d => d["name"] = new string('n', 201)),
        ["NameNotAString"] = new("$.name", "Invalid value", d => d["name"] = new JsonObject()),
        ["VersionNotAnInteger"] = new("$.version", "Invalid value", d => d["version"] = "one"),
        ["VersionFractional"] = new("$.version", "Invalid value", d => d["version"] = 1.5),
        ["CreatedAtNotADate"] = new("$.createdAt", "ISO-8601", d => d["createdAt"] = "yesterday"),
        ["IsPublishedNotABoolean"] = new("$.isPublished", "Invalid value", d => d["isPublished"] = "maybe"),
        ["TenantIdNotAString"] = new("$.tenantId", "Invalid value", d => d["tenantId"] = new JsonArray()),
        ["OutcomesNotAList"] = new("$.outcomes", "Invalid value", d => d["outcomes"] = "Done"),
        ["OptionsNotAnObject"] = new("$.options", "Invalid value", d => d["options"] = new JsonArray()),

        // Variables, inputs and outputs.
        ["VariablesNotAList"] = new("$.variables", "Invalid value", d => d["variables"] = new JsonObject()),
        ["VariableIsArrayNotABoolean"] = new("$.variables[0].isArray", "Invalid value", d => Variable(d, 0)["isArray"] = "no"),
        ["VariableUnknownType"] = new("variables[0].typeName", "Variable 'Decision' has unknown type 'Banana'", d => Variable(d, 0)["typeName"] = "Banana"),
        ["VariableDuplicateId"] = new("variables[1].id", "Variable id '4b1e9c0d2f3a5b67' is declared twice", d => Variable(d, 1)["id"] = "4b1e9c0d2f3a5b67"),
        ["VariableDuplicateName"] = new("variables[1].name", "Variable name 'Decision' is declared twice", d => Variable(d, 1)["name"] = "Decision"),
        ["VariableWithoutName"] = new("variables[1].name", "A variable has no name", d => Variable(d, 1)["name"] = ""),
        ["VariableWithoutId"] = new("variables[1].id", "Variable 'ApprovalPayload' has no id", d => Variable(d, 1)["id"] = ""),
        ["VariableDefaultNotAnInt32"] = new("variables[2].value", "Default value of variable 'Count' is not a valid Int32", d =>
            d["variables"]!.AsArray().Add(JsonNode.Parse("""{"id": "6e7f8091a2b3c4d5", "name": "Count", "typeName": "Int32", "value": "x"}"""))),
        ["VariableDefaultNotABoolean"] = new("variables[2].value", "Default value of variable 'Flag' is not a valid Boolean", d =>
            d["variables"]!.AsArray().Add(JsonNode.Parse("""{"id": "6e7f8091a2b3c4d5", "name": "Flag", "typeName": "Boolean", "value": "perhaps"}"""))),
        ["InputsNotAList"] = new("$.inputs", "Invalid value", d => d["inputs"] = "PlanId"),
        ["InputDuplicateName"] = new("inputs[1].name", "'planid' is declared twice in inputs", d => Argument(d, "inputs", 1)["name"] = "planid"),
        ["InputUnknownType"] = new("inputs[0].type", "'PlanId' has unknown type 'Banana'", d => Argument(d, "inputs", 0)["type"] = "Banana"),
        ["InputWithoutName"] = new("inputs[0].name", "inputs entry 0 has no name", d => Argument(d, "inputs", 0)["name"] = ""),
        ["OutputUnknownType"] = new("outputs[0].type", "'Decision' has unknown type 'Widget'", d => Argument(d, "outputs", 0)["type"] = "Widget"),
        ["OutputDuplicateName"] = new("outputs[1].name", "'decision' is declared twice in outputs", d =>
            d["outputs"]!.AsArray().Add(JsonNode.Parse("""{"type": "String", "name": "decision"}"""))),

        // Shape errors where only the mentioned member is asserted (the exact key depends on System.Text.Json's path reporting).
        ["RootIsAString"] = new(null, "root", d => d["root"] = "flowchart"),
        ["RootIsAnArray"] = new(null, "root", d => d["root"] = new JsonArray()),
        ["RootIsANumber"] = new(null, "root", d => d["root"] = 5),
        ["FlowchartsNestedBeyondMaxDepth"] = new(null, "depth", d =>
        {
            // 40 flowcharts inside each other: deeper than the 64 levels a request body may have.
            JsonNode inner = new JsonObject { ["id"] = "deep40", ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray() };
            for (var level = 39; level >= 1; level--)
                inner = new JsonObject { ["id"] = "deep" + level.ToString(CultureInfo.InvariantCulture), ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray(inner) };
            Activities(d).Add(inner);
        }),
    };

    public static TheoryData<string, string> MalformedDefinitions
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (name, definitionCase) in DefinitionCases.Where(c => c.Value.Path is not null)) data.Add(name, definitionCase.Path!);
            return data;
        }
    }

    public static TheoryData<string, string> MalformedShapes
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (name, definitionCase) in DefinitionCases.Where(c => c.Value.Path is null)) data.Add(name, definitionCase.Text);
            return data;
        }
    }

    public static TheoryData<string, string, string> MalformedBodies => new()
    {
        // Import: not JSON, not an object, or not a readable definition.
        { ImportUrl, "{", "$" },
        { ImportUrl, "[]", "$" },
        { ImportUrl, "\"text\"", "$" },
        { ImportUrl, "42", "$" },
        { ImportUrl, "null", "$" },
        { ImportUrl, "{'definitionId': 'x'}", "$" },
        { ImportUrl, """{"definitionId": "x"} trailing""", "$" },
        { ImportUrl, "\uFEFF<workflow/>", "$" },
        { ImportUrl, "", "$.root" },
        { ImportUrl, "   ", "$.root" },
        { ImportUrl, "{}", "$.root" },
        { ImportUrl, """{"definitionId": 5}""", "$.definitionId" },
        { ImportUrl, """{"definitionId": "x", "root": {}}""", "root.type" },
        { ImportUrl, """{"root": {"id": "f", "type": "Elsa.Flowchart"}}""", "definitionId" },
        { ImportUrl, """{"definitionId": "x", "root": {"id": "f", "type": "Elsa.Flowchart", "activities": [], "connections": [{"source": {"activity": "a"}, "target": {"activity": "b"}}]}}""", "root.connections[0].source.activity" },
        { ImportUrl, """{"definitionId": "x", "root": {"id": "f", "type": "Elsa.Flowchart", "activities": [], "connections": [{"source": 5, "target": "b"}]}}""", "connections[0].source" },

        // Studio save: {"model": {...}, "publish": bool}.
        { Definitions, "{", "$" },
        { Definitions, "[]", "$" },
        { Definitions, """{"publish": false}""", "model" },
        { Definitions, """{"model": "x"}""", "model" },
        { Definitions, """{"model": null}""", "model" },
        { Definitions, """{"model": []}""", "model" },
        { Definitions, """{"model": {"definitionId": "m", "root": """ + MinimalFlowchart + """}, "publish": "yes"}""", "publish" },
        { Definitions, """{"model": {"definitionId": "m"}}""", "model.root" },
        { Definitions, """{"model": {"definitionId": "m", "version": "one", "root": """ + MinimalFlowchart + "}}", "model.version" },
        { Definitions, """{"model": {"definitionId": "m", "root": {"id": "f", "type": "Elsa.Nope"}}}""", "root.type" },
        { Definitions, """{"model": {"definitionId": "m/x", "root": """ + MinimalFlowchart + "}}", "definitionId" },
        { Definitions, """{"model": {"definitionId": "m", "variables": [{"id": "v", "name": "V", "typeName": "Banana"}], "root": """ + MinimalFlowchart + "}}", "variables[0].typeName" },
    };

    /// <summary>method, url, body (null: none), expected status, and for 400 the error key, otherwise a text the problem detail mentions.</summary>
    public static TheoryData<string, string, string?, int, string> MalformedRequests => new()
    {
        // Definition list query.
        { "GET", Definitions + "?versionOptions=Sometimes", null, 400, "versionOptions" },
        { "GET", Definitions + "?versionOptions=0", null, 400, "versionOptions" },
        { "GET", Definitions + "?PageSize=0", null, 400, "PageSize" },
        { "GET", Definitions + "?PageSize=100000", null, 400, "PageSize" },
        { "GET", Definitions + "?PageSize=ten", null, 400, "PageSize" },
        { "GET", Definitions + "?Page=-1", null, 400, "Page" },
        { "GET", Definitions + "?Page=1.5", null, 400, "Page" },
        { "GET", Definitions + "?OrderBy=Color", null, 400, "OrderBy" },
        { "GET", Definitions + "?OrderDirection=Up", null, 400, "OrderDirection" },
        { "GET", Definitions + "?IsSystem=maybe", null, 400, "IsSystem" },

        // Definition routes.
        { "GET", Definitions + "/by-definition-id/nope", null, 404, "nope" },
        { "GET", Definitions + "/by-definition-id/plan-approval?versionOptions=Sometimes", null, 400, "versionOptions" },
        { "GET", Definitions + "/by-definition-id/plan-approval?versionOptions=7", null, 404, "plan-approval" },
        { "GET", Definitions + "/by-id/nope", null, 404, "nope" },
        { "GET", Definitions + "/nope", null, 404, "nope" },
        { "POST", Definitions + "/nope/publish", "{}", 404, "nope" },
        { "POST", Definitions + "/nope/retract", "{}", 404, "nope" },
        { "DELETE", Definitions + "/nope", null, 404, "nope" },
        { "POST", Definitions + "/nope/revert/1", "{}", 404, "nope" },
        { "POST", Definitions + "/plan-approval/revert/9", "{}", 404, "Version 9" },
        { "GET", Definitions + "/nope/export", null, 404, "nope" },
        { "GET", Definitions + "/plan-approval/export?versionOptions=Sometimes", null, 400, "versionOptions" },
        { "DELETE", "/elsa/api/workflow-definition-versions/nope", null, 404, "nope" },

        // Execute and dispatch.
        { "POST", Definitions + "/nope/execute", "{}", 404, "nope" },
        { "POST", Definitions + "/nope/dispatch", "{}", 404, "nope" },
        { "POST", Definitions + "/plan-approval/execute", """{"input": 5}""", 400, "input" },
        { "POST", Definitions + "/plan-approval/execute", """{"input": [1, 2]}""", 400, "input" },
        { "POST", Definitions + "/plan-approval/execute", """{"versionOptions": "Sometimes"}""", 400, "versionOptions" },
        { "POST", Definitions + "/plan-approval/execute", """{"versionOptions": 5}""", 400, "versionOptions" },
        { "POST", Definitions + "/plan-approval/execute", """{"versionOptions": "0"}""", 400, "versionOptions" },
        { "POST", Definitions + "/plan-approval/execute", """{"versionOptions": "Draft"}""", 404, "Draft" },
        { "POST", Definitions + "/plan-approval/execute", """{"correlationId": 5}""", 400, "correlationId" },
        { "POST", Definitions + "/plan-approval/execute", "{\"instanceId\": \"" + new string('i', 101) + "\"}", 400, "instanceId" },
        { "POST", Definitions + "/plan-approval/execute", """{"input":""", 400, "$" },
        { "POST", Definitions + "/plan-approval/dispatch", """{"input": "x"}""", 400, "input" },
        { "POST", Definitions + "/plan-approval/dispatch", """{"name": 5}""", 400, "name" },

        // Bulk definition actions.
        { "POST", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", """{"definitionIds": "a"}""", 400, "definitionIds" },
        { "POST", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", "{}", 400, "definitionIds" },
        { "POST", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", """{"definitionIds": [1]}""", 400, "definitionIds" },
        { "POST", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", """{"definitionIds": [null]}""", 400, "definitionIds" },
        { "POST", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", ManyDefinitionIds(1001), 400, "definitionIds" },
        { "POST", "/elsa/api/bulk-actions/retract/workflow-definitions/by-definition-ids", """{"definitionIds": 5}""", 400, "definitionIds" },
        { "POST", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", "{}", 400, "definitionIds" },
        { "POST", "/elsa/api/bulk-actions/delete/workflow-definitions/by-id", """{"ids": {}}""", 400, "ids" },

        // Workflow instances.
        { "GET", Instances + "/nope", null, 404, "nope" },
        { "DELETE", Instances + "/nope", null, 404, "nope" },
        { "GET", Instances + "/nope/journal", null, 404, "nope" },
        { "POST", Instances + "/nope/journal", "{}", 404, "nope" },
        { "GET", Instances + "/nope/journal?take=20000", null, 400, "take" },
        { "GET", Instances + "/nope/journal?skip=-1", null, 400, "take" },
        { "GET", Instances + "/nope/variables", null, 404, "nope" },
        { "GET", Instances + "/nope/execution-state", null, 404, "nope" },
        { "GET", Instances + "/nope/export", null, 404, "nope" },
        { "POST", Instances, """{"pageSize": 0}""", 400, "pageSize" },
        { "POST", Instances, """{"timestampFilters": [{"column": "Yesterday", "operator": "Is", "timestamp": "2026-11-02T00:00:00Z"}]}""", 400, "timestampFilters[0].column" },
        { "POST", Instances, """{"timestampFilters": [{"column": "CreatedAt", "operator": "Around", "timestamp": "2026-11-02T00:00:00Z"}]}""", 400, "timestampFilters[0].operator" },
        { "POST", Instances, """{"timestampFilters": [{"column": "CreatedAt", "operator": "Is", "timestamp": "eilen"}]}""", 400, "timestampFilters[0].timestamp" },
        { "POST", Instances, """{"timestampFilters": 5}""", 400, "timestampFilters" },
        { "POST", Instances, """{"version": 0}""", 400, "version" },
        { "POST", Instances, """{"pageSize": 1001}""", 400, "pageSize" },
        { "POST", Instances, """{"page": -1}""", 400, "page" },
        { "POST", Instances, """{"page": "x"}""", 400, "page" },
        { "POST", Instances, """{"status": "Sleeping"}""", 400, "status" },
        { "POST", Instances, """{"statuses": ["Running", "Sleeping"]}""", 400, "status" },
        { "POST", Instances, """{"statuses": 5}""", 400, "statuses" },
        { "POST", Instances, """{"subStatus": "Napping"}""", 400, "subStatus" },
        { "POST", Instances, """{"orderBy": "Color"}""", 400, "orderBy" },
        { "POST", Instances, """{"orderDirection": 5}""", 400, "orderDirection" },
        { "POST", Instances, """{"searchTerm": 5}""", 400, "searchTerm" },
        { "POST", Instances, """{"correlationId": 5}""", 400, "correlationId" },
        { "POST", Instances, """{"hasIncidents": "yes"}""", 400, "hasIncidents" },
        { "POST", Instances, "[]", 400, "$" },
        { "GET", Instances + "?pageSize=0", null, 400, "pageSize" },
        { "GET", Instances + "?status=Sleeping", null, 400, "status" },
        { "GET", Instances + "?orderBy=Color", null, 400, "orderBy" },
        { "POST", "/elsa/api/cancel/workflow-instances/nope", "{}", 404, "nope" },
        { "POST", "/elsa/api/bulk-actions/delete/workflow-instances/by-id", """{"ids": "x"}""", 400, "ids" },
        { "POST", "/elsa/api/bulk-actions/cancel/workflow-instances", """{"definitionId": 5}""", 400, "definitionId" },
        { "POST", "/elsa/api/bulk-actions/cancel/workflow-instances", """{"ids": [1]}""", 400, "ids" },
        { "POST", Instances, """{"definitionIds": [1]}""", 400, "definitionIds" },

        // Events, tasks and bookmarks.
        { "POST", "/elsa/api/events/x/trigger", """{"workflowExecutionMode": "Later"}""", 400, "workflowExecutionMode" },
        { "POST", "/elsa/api/events/x/trigger", """{"workflowExecutionMode": 1}""", 400, "workflowExecutionMode" },
        { "POST", "/elsa/api/events/x/trigger", """{"correlationId": 5}""", 400, "correlationId" },
        { "POST", "/elsa/api/events/x/trigger", """{"workflowInstanceId": true}""", 400, "workflowInstanceId" },
        { "POST", "/elsa/api/events/x/trigger", "[1]", 400, "$" },
        { "POST", "/elsa/api/events/" + new string('e', 201) + "/trigger", "{}", 400, "eventName" },
        { "POST", "/elsa/api/bookmarks/b1/resume", "{}", 400, "workflowInstanceId" },
        { "POST", "/elsa/api/bookmarks/b1/resume", """{"workflowInstanceId": "nope"}""", 404, "nope" },
        { "POST", "/elsa/api/bookmarks/b1/resume", """{"workflowInstanceId": "nope", "input": 5}""", 400, "input" },
        { "POST", "/elsa/api/tasks/t1/complete", "{", 400, "$" },

        // Descriptors and activity executions.
        { "GET", "/elsa/api/descriptors/activities/Elsa.Nope", null, 404, "Elsa.Nope" },
        { "GET", "/elsa/api/descriptors/activities/Elsa.Start?version=9", null, 404, "Elsa.Start" },
        { "GET", "/elsa/api/activity-executions/by-id?id=nope", null, 404, "nope" },
        { "GET", "/elsa/api/activity-executions/nope/call-stack", null, 404, "nope" },
    };

    [Theory]
    [MemberData(nameof(MalformedDefinitions))]
    public async Task ImportDefinition_MalformedDocument_Returns400WithErrorAtPath(string name, string expectedPath)
    {
        var document = Example();
        DefinitionCases[name].Mutate(document);
        using var client = fixture.App.Admin();
        var before = await SnapshotAsync(client);

        using var response = await client.PostJsonAsync(ImportUrl, document);

        var problem = await ReadProblemAsync(response, 400);
        Assert.Contains(DefinitionCases[name].Text, ErrorsAt(problem, expectedPath), StringComparison.Ordinal);
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [MemberData(nameof(MalformedShapes))]
    public async Task ImportDefinition_MalformedShape_Returns400MentioningMember(string name, string expectedText)
    {
        var document = Example();
        DefinitionCases[name].Mutate(document);
        using var client = fixture.App.Admin();
        var before = await SnapshotAsync(client);

        using var response = await client.PostJsonAsync(ImportUrl, document);

        var problem = await ReadProblemAsync(response, 400);
        var errors = Assert.IsType<JsonObject>(problem["errors"]);
        Assert.NotEmpty(errors);
        var described = string.Join('\n', errors.Select(e => e.Key + ": " + string.Join(' ', Messages(e.Value))));
        Assert.Contains(expectedText, described, StringComparison.OrdinalIgnoreCase);
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task PostDefinitionBody_NotAReadableDefinition_Returns400WithErrorAtPath(string url, string body, string expectedPath)
    {
        using var client = fixture.App.Admin();
        var before = await SnapshotAsync(client);

        using var response = await client.PostJsonAsync(url, body);

        var problem = await ReadProblemAsync(response, 400);
        Assert.False(string.IsNullOrWhiteSpace(ErrorsAt(problem, expectedPath)));
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task ApiRequest_MalformedQueryRouteOrBody_ReturnsProblem(string method, string url, string? body, int status, string expected)
    {
        using var client = fixture.App.Admin();
        var before = await SnapshotAsync(client);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = TestApp.Json(body);

        using var response = await client.SendAsync(request);

        var problem = await ReadProblemAsync(response, status);
        if (status == 400) Assert.False(string.IsNullOrWhiteSpace(ErrorsAt(problem, expected)));
        else Assert.Contains(expected, problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task ImportDefinition_NineMegabyteGarbageBody_Returns413Or400()
    {
        using var client = fixture.App.Admin();
        var before = await SnapshotAsync(client);
        var body = "{\"definitionId\": \"huge\", \"description\": \"" + new string('x', 9 * 1024 * 1024);

        using var response = await client.PostJsonAsync(ImportUrl, body);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"Expected 400 or 413 but got {(int)response.StatusCode}.");
        var problem = await ReadProblemAsync(response, (int)response.StatusCode);
        if (response.StatusCode == HttpStatusCode.BadRequest) Assert.False(string.IsNullOrWhiteSpace(ErrorsAt(problem, "$")));
        await AssertUnchangedAsync(client, before);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task ImportDefinition_NotSentAsJson_Returns415_AndStoresNothing(string contentType)
    {
        using var client = fixture.App.Admin();
        var before = await SnapshotAsync(client);
        // A page on another site can post text/plain without a CORS preflight: it must not reach the engine.
        using var body = new StringContent(TestApp.TestData(ExampleFile).Replace("\"plan-approval\"", "\"plan-approval-plain\"", StringComparison.Ordinal), System.Text.Encoding.UTF8, contentType);

        using var response = await client.PostAsync(ImportUrl, body);

        await ReadProblemAsync(response, 415);
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task ExecuteDefinition_ByGet_IsNotAllowed_AndStartsNothing()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData(ExampleFile));
        using var client = app.Admin();

        // An <img src=".../execute"> on any page the admin visits must not start a workflow.
        using var response = await client.GetAsync(Definitions + "/plan-approval/execute");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var instances = await (await client.GetAsync("/elsa/api/workflow-instances")).JsonAsync();
        Assert.Equal(0, instances["totalCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task RetractDefinition_AlreadyRetracted_Returns409()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData(ExampleFile));
        using var client = app.Admin();
        using var first = await client.PostEmptyAsync(Definitions + "/plan-approval/retract");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await SnapshotAsync(client);

        using var second = await client.PostEmptyAsync(Definitions + "/plan-approval/retract");

        var problem = await ReadProblemAsync(second, 409);
        Assert.Contains("'plan-approval' is not published", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task ExecuteDefinition_DuplicateInstanceId_Returns409AndStartsNothing()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData(ExampleFile));
        using var client = app.Admin();
        const string body = """{"instanceId": "dup-instance-1", "input": {"PlanId": "P-9", "ApproverEmail": "boss@example.com"}}""";
        using var first = await client.PostJsonAsync(Definitions + "/plan-approval/execute", body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await SnapshotAsync(client);

        using var second = await client.PostJsonAsync(Definitions + "/plan-approval/execute", body);

        var problem = await ReadProblemAsync(second, 409);
        Assert.Contains("'dup-instance-1' already exists", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        using var instances = await client.GetAsync(Instances);
        Assert.Equal(1L, (await instances.JsonAsync())["totalCount"]!.GetValue<long>());
        await AssertUnchangedAsync(client, before);
    }

    [Fact]
    public async Task CancelInstance_AlreadyCancelled_Returns409()
    {
        await using var app = new TestApp();
        await app.ImportAsync(TestApp.TestData(ExampleFile));
        using var client = app.Admin();
        using var execute = await client.PostJsonAsync(Definitions + "/plan-approval/execute", """{"input": {"PlanId": "P-3", "ApproverEmail": "boss@example.com"}}""");
        Assert.Equal(HttpStatusCode.OK, execute.StatusCode);
        var instanceId = execute.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        using var cancel = await client.PostEmptyAsync($"/elsa/api/cancel/workflow-instances/{instanceId}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var before = await SnapshotAsync(client);

        using var again = await client.PostEmptyAsync($"/elsa/api/cancel/workflow-instances/{instanceId}");

        var problem = await ReadProblemAsync(again, 409);
        Assert.Contains(instanceId, problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
        await AssertUnchangedAsync(client, before);
    }

    private sealed record Snapshot(long TotalCount, string List, string Example);

    /// <summary>The stored definitions as the API reports them: all versions, and the example's latest version.</summary>
    private static async Task<Snapshot> SnapshotAsync(HttpClient client)
    {
        using var list = await client.GetAsync(ListUrl);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var listJson = await list.JsonAsync();
        using var example = await client.GetAsync(ExampleUrl);
        var exampleText = ((int)example.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + await example.Content.ReadAsStringAsync();
        return new Snapshot(listJson["totalCount"]!.GetValue<long>(), listJson.ToJsonString(), exampleText);
    }

    private static async Task AssertUnchangedAsync(HttpClient client, Snapshot before)
    {
        var after = await SnapshotAsync(client);
        Assert.Equal(before.TotalCount, after.TotalCount);
        Assert.Equal(before.List, after.List);
        Assert.Equal(before.Example, after.Example);
    }

    /// <summary>Asserts the status and <c>application/problem+json</c> and returns the problem object.</summary>
    private static async Task<JsonObject> ReadProblemAsync(HttpResponseMessage response, int expectedStatus)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"Expected HTTP {expectedStatus} but got {(int)response.StatusCode}: {Shorten(text)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(text), "The problem response has no body.");
        var problem = Assert.IsType<JsonObject>(JsonNode.Parse(text));
        Assert.Equal(expectedStatus, problem["status"]?.GetValue<int>());
        return problem;
    }

    /// <summary>Asserts the validation problem has an error at <paramref name="path"/> and returns its messages.</summary>
    private static string ErrorsAt(JsonObject problem, string path)
    {
        var errors = Assert.IsType<JsonObject>(problem["errors"]);
        Assert.True(errors.ContainsKey(path), $"Expected an error at '{path}' but the errors were {Shorten(errors.ToJsonString())}");
        var messages = Messages(errors[path]);
        Assert.NotEmpty(messages);
        return string.Join('\n', messages);
    }

    private static List<string> Messages(JsonNode? node) =>
        Assert.IsType<JsonArray>(node).Select(m => m?.GetValue<string>() ?? "").Where(m => m.Length > 0).ToList();

    private static string Shorten(string text) => text.Length > 2000 ? text[..2000] + "…" : text;

    private static string ManyDefinitionIds(int count) =>
        "{\"definitionIds\": [" + string.Join(", ", Enumerable.Range(0, count).Select(i => "\"d" + i.ToString(CultureInfo.InvariantCulture) + "\"")) + "]}";

    private static JsonObject Example() => JsonNode.Parse(TestApp.TestData(ExampleFile))!.AsObject();

    private static JsonObject Root(JsonObject document) => document["root"]!.AsObject();

    private static JsonArray Activities(JsonObject document) => Root(document)["activities"]!.AsArray();

    private static JsonArray Connections(JsonObject document) => Root(document)["connections"]!.AsArray();

    private static JsonObject Activity(JsonObject document, int index) => Activities(document)[index]!.AsObject();

    private static JsonObject Connection(JsonObject document, int index) => Connections(document)[index]!.AsObject();

    private static JsonObject Variable(JsonObject document, int index) => document["variables"]![index]!.AsObject();

    private static JsonObject Argument(JsonObject document, string list, int index) => document[list]![index]!.AsObject();

    private static JsonObject Expression(JsonObject document, int activity, string input) => Activity(document, activity)[input]!["expression"]!.AsObject();

    private static void AddActivity(JsonObject document, string json) => Activities(document).Add(JsonNode.Parse(json));

    private static JsonObject Literal(string typeName, JsonNode? value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
}
