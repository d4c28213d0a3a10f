using System.Text.Json.Nodes;
using Opiskeluhuolto.Workflows.Model;
using Opiskeluhuolto.Workflows.Serialization;

namespace Opiskeluhuolto.Workflows.Activities.Flow;

/// <summary>
/// Forward/backward classification of a flowchart's connections from its start activity: a BFS accepts an edge
/// as forward unless its target can already reach its source through forward edges.
/// </summary>
public sealed class FlowGraph
{
    private readonly List<FlowConnection> _connections;
    private readonly HashSet<FlowConnection> _backward = [];
    private readonly Dictionary<ActivityNode, List<FlowConnection>> _forwardOut = [];
    private readonly HashSet<ActivityNode> _reachable = [];

    /// <summary>Builds the graph of a flowchart node.</summary>
    public FlowGraph(ActivityNode flowchart, ActivityNode? start)
    {
        ArgumentNullException.ThrowIfNull(flowchart);
        Activities = flowchart.Children.Where(c => c.Port == "activities").ToList();
        _connections = ReadConnections(flowchart, Activities);
        Start = start;
        if (start is null) return;

        var visited = new HashSet<ActivityNode> { start };
        var queue = new Queue<ActivityNode>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var c in _connections.Where(c => c.Source == node))
            {
                if (c.Target == c.Source || CanReach(c.Target, c.Source, null)) _backward.Add(c);
                else
                {
                    if (!_forwardOut.TryGetValue(c.Source, out var list)) _forwardOut[c.Source] = list = [];
                    list.Add(c);
                }

                if (visited.Add(c.Target)) queue.Enqueue(c.Target);
            }
        }

        foreach (var n in Reach(start, null)) _reachable.Add(n);
    }

    /// <summary>Child activities of the flowchart.</summary>
    public IReadOnlyList<ActivityNode> Activities { get; }

    /// <summary>Connections whose endpoints exist, in document order.</summary>
    public IReadOnlyList<FlowConnection> Connections => _connections;

    /// <summary>Start activity.</summary>
    public ActivityNode? Start { get; }

    /// <summary>Outbound connections of a node, in document order.</summary>
    public IEnumerable<FlowConnection> Outbound(ActivityNode node) => _connections.Where(c => c.Source == node);

    /// <summary>Forward inbound connections of a node.</summary>
    public IEnumerable<FlowConnection> ForwardInbound(ActivityNode node) => _connections.Where(c => c.Target == node && !_backward.Contains(c));

    /// <summary>Whether a connection loops back.</summary>
    public bool IsBackward(FlowConnection connection) => _backward.Contains(connection);

    /// <summary>A backward edge is valid when every forward path from the start to its source passes through its target.</summary>
    public bool IsValidBackward(FlowConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Start is null || connection.Source == connection.Target || !Reach(Start, connection.Target).Contains(connection.Source);
    }

    /// <summary>Not reachable from the start through forward edges.</summary>
    public bool IsDangling(ActivityNode node) => Start is not null && !_reachable.Contains(node);

    /// <summary>Every activity that can reach <paramref name="node"/> through forward edges.</summary>
    public HashSet<ActivityNode> Ancestors(ActivityNode node) =>
        Activities.Where(a => a != node && CanReach(a, node, null)).ToHashSet();

    private bool CanReach(ActivityNode from, ActivityNode to, ActivityNode? without) => Reach(from, without).Contains(to);

    private HashSet<ActivityNode> Reach(ActivityNode from, ActivityNode? without)
    {
        var seen = new HashSet<ActivityNode>();
        if (from == without) return seen;
        var stack = new Stack<ActivityNode>([from]);
        seen.Add(from);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!_forwardOut.TryGetValue(n, out var outs)) continue;
            foreach (var c in outs)
            {
                if (c.Target != without && seen.Add(c.Target)) stack.Push(c.Target);
            }
        }

        return seen;
    }

    /// <summary>Reads the connections of a flowchart node, dropping those whose endpoints do not exist.</summary>
    public static List<FlowConnection> ReadConnections(ActivityNode flowchart, IReadOnlyList<ActivityNode> activities)
    {
        ArgumentNullException.ThrowIfNull(flowchart);
        ArgumentNullException.ThrowIfNull(activities);
        var byId = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var a in activities) byId.TryAdd(a.Id, a);
        var result = new List<FlowConnection>();
        if (flowchart.Get("connections") is not JsonArray list) return result;
        foreach (var item in list.OfType<JsonObject>())
        {
            if (ActivityJson.Get(item, "source") is not JsonObject s || ActivityJson.Get(item, "target") is not JsonObject t) continue;
            var sourceId = ActivityJson.GetString(s, "activity");
            var targetId = ActivityJson.GetString(t, "activity");
            if (sourceId is null || targetId is null || !byId.TryGetValue(sourceId, out var source) || !byId.TryGetValue(targetId, out var target)) continue;
            result.Add(new FlowConnection(source, ActivityJson.GetString(s, "port") ?? "Done", target, ActivityJson.GetString(t, "port") ?? "In"));
        }

        return result;
    }
}
