using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Opiskeluhuolto.Workflows.Persistence;
using Opiskeluhuolto.Workflows.Runtime;

namespace Opiskeluhuolto.Bench;

/// <summary>
/// Durable resumes on PostgreSQL with one node and with two nodes sharing the database (each node its own engine with
/// its own connection pool, as two processes would have), every node resuming its share of the instances with
/// <see cref="WorkersPerNode"/> concurrent callers. Informative: the issue sets no target; the figure of interest is the
/// two-node rate as a ratio of the one-node rate measured in the same run.
/// </summary>
internal static class PostgresNodes
{
    private static readonly int WorkersPerNode = int.TryParse(Environment.GetEnvironmentVariable("BENCH_WORKERS"), out var w) ? w : 8;

    public static async Task<IReadOnlyList<Metric>> RunAsync(string? server, int count)
    {
        if (server is null) return [new Metric("postgres-resumes-1-node", 0, "resumes/s", "info (give --postgres \"Host=…;Username=…\")", 0, false)];
        var one = await MeasureAsync(server, 1, count);
        var two = await MeasureAsync(server, 2, count);
        return
        [
            new Metric("postgres-resumes-1-node", one, "resumes/s", "info", 0, true),
            new Metric("postgres-resumes-2-nodes", two, "resumes/s", "info (ratio = two nodes / one node)", one, true),
        ];
    }

    private static async Task<double> MeasureAsync(string server, int nodes, int count)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = $"bench_{Guid.NewGuid():N}", MaxPoolSize = 50 }.ConnectionString;
        var engines = new List<BenchEngine>();
        try
        {
            for (var i = 0; i < nodes; i++) engines.Add(await BenchEngine.CreateAsync(storage: new WorkflowStorage(DatabaseProvider.PostgreSql, connectionString)));
            var version = await engines[0].PublishAsync(DurableResumes.Workflow);
            var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
            var startClock = Stopwatch.StartNew();
            var starter = engines[0].Services.GetRequiredService<WorkflowRuntime>();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = WorkersPerNode },
                async (_, ct) => ids.Add((await starter.StartAsync(version, new StartWorkflowRequest(), ct)).State.Id));

            Console.WriteLine($"# postgres {nodes} node(s): {count / startClock.Elapsed.TotalSeconds:0} starts/s on one node");
            var shares = ids.Select((id, i) => (id, node: i % nodes)).GroupBy(x => x.node).ToList();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(shares.Select(share =>
            {
                var runtime = engines[share.Key].Services.GetRequiredService<WorkflowRuntime>();
                return Parallel.ForEachAsync(share.Select(x => x.id), new ParallelOptions { MaxDegreeOfParallelism = WorkersPerNode }, async (id, ct) =>
                {
                    var resumed = await runtime.DeliverAsync(Stimulus.ForEvent("go", null, workflowInstanceId: id), ct);
                    if (resumed.Count != 1) throw new InvalidOperationException($"Instance {id} was not resumed.");
                });
            }));
            return count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var engine in engines) await engine.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
