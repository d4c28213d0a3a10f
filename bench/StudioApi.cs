using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// The Studio's definition API against the Release Host started as a process (SQLite, empty data folder) holding 1,000
/// definitions and one 100-activity workflow: the list page the Studio loads (<c>PageSize=10</c>), the whole list in one
/// page (<c>PageSize=1000</c>), and opening the 100-activity workflow in the designer (<c>by-definition-id</c>). Times
/// are taken by the client over loopback, so they include more than the server's time (an upper bound for it).
/// </summary>
internal static class StudioApi
{
    public static async Task<IReadOnlyList<Metric>> RunAsync(int requests)
    {
        await using var host = await BenchHost.StartAsync("studio");
        if (host is null) return [new Metric("studio-list-1000", 0, "ms", "p99<=50 (build src/Host -c Release first)", 0, false)];
        var client = host.Client;
        for (var i = 0; i < 1_000; i++) await host.PostAsync("/elsa/api/workflow-definitions/import", Definition($"bench-{i:0000}", $"Muistutus {i}", 3));
        await host.PostAsync("/elsa/api/workflow-definitions/import", Definition("bench-large", "Suuri työnkulku", 100));

        var page = await TimeAsync(client, "/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending", requests);
        var all = await TimeAsync(client, "/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=1000&IsSystem=False", requests);
        var open = await TimeAsync(client, "/elsa/api/workflow-definitions/by-definition-id/bench-large?versionOptions=Latest", requests);
        return
        [
            new Metric("studio-list-page-of-1000", page, "ms p99", "<=50", 0, page <= 50),
            new Metric("studio-list-1000", all, "ms p99", "<=50", 0, all <= 50),
            new Metric("studio-open-100-activities", open, "ms p99", "<=50", 0, open <= 50),
        ];
    }

    /// <summary>p99 in milliseconds of <paramref name="count"/> sequential GETs after a warm-up.</summary>
    private static async Task<double> TimeAsync(HttpClient client, string path, int count)
    {
        for (var i = 0; i < 20; i++) (await client.GetAsync(path)).EnsureSuccessStatusCode();
        var samples = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            _ = await response.Content.ReadAsByteArrayAsync();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"# {path}: median {Percentiles.Of(samples, 0.5):0.0} ms, p99 {Percentiles.Of(samples, 0.99):0.0} ms, max {samples.Max():0.0} ms"));
        return Percentiles.Of(samples, 0.99);
    }

    /// <summary>A published flowchart of <paramref name="activities"/> WriteLine steps in a chain, laid out as the designer would.</summary>
    private static string Definition(string definitionId, string name, int activities)
    {
        var nodes = new JsonArray();
        var connections = new JsonArray();
        for (var i = 0; i < activities; i++)
        {
            nodes.Add(new JsonObject
            {
                ["id"] = $"a{i}", ["type"] = "Elsa.WriteLine", ["version"] = 1, ["name"] = $"WriteLine{i + 1}",
                ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = $"Vaihe {i + 1}" } },
                ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 200 * (i % 10), ["y"] = 120 * (i / 10) } } },
            });
            if (i > 0)
            {
                connections.Add(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = $"a{i - 1}", ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = $"a{i}", ["port"] = "In" },
                });
            }
        }

        return new JsonObject
        {
            ["id"] = definitionId + "-v1", ["definitionId"] = definitionId, ["name"] = name, ["description"] = "Benchmark", ["version"] = 1, ["isPublished"] = true,
            ["root"] = new JsonObject { ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["activities"] = nodes, ["connections"] = connections },
        }.ToJsonString();
    }
}
