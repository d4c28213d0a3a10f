namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>
/// One burst per workflow instance at a time in this process. A gate exists only while someone holds or waits for it,
/// so the table does not grow with every instance ever run (other processes are kept out by the revision check).
/// </summary>
internal sealed class InstanceGates
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the instance's gate; dispose the lease to let the next burst in.</summary>
    public async Task<Lease> EnterAsync(string instanceId, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(instanceId, out gate!)) _gates[instanceId] = gate = new Gate();
            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(instanceId, gate);
            throw;
        }

        return new Lease(this, instanceId, gate);
    }

    /// <summary>Gates in the table now (those held or waited for).</summary>
    public int Count
    {
        get
        {
            lock (_gates) return _gates.Count;
        }
    }

    private void Leave(string instanceId, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users == 0) _gates.Remove(instanceId);
        }
    }

    internal sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    /// <summary>A held gate.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly InstanceGates _owner;
        private readonly string _instanceId;
        private readonly Gate _gate;

        internal Lease(InstanceGates owner, string instanceId, Gate gate)
        {
            _owner = owner;
            _instanceId = instanceId;
            _gate = gate;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _gate.Semaphore.Release();
            _owner.Leave(_instanceId, _gate);
        }
    }
}
