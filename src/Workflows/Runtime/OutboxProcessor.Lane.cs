using Opiskeluhuolto.Workflows.Persistence;

namespace Opiskeluhuolto.Workflows.Runtime;

public sealed partial class OutboxProcessor
{
    /// <summary>
    /// One lane: it carries out its claim one message after the other, and when <see cref="Lookahead"/> of them are left
    /// it writes the outcomes it has so far together with its next claim, so the next claim is durable by the time the
    /// connection is free. The writes are not cancelled (what one claims is the lane's to hand back): on a stop the lane
    /// records what it finished and hands back what it had not begun in a last write, so a restart sends those normally;
    /// a message whose effect was under way stays claimed ("delivery uncertain", as after a kill).
    /// </summary>
    private sealed class Lane(OutboxProcessor outbox, System.Collections.Concurrent.ConcurrentDictionary<long, bool> skipped, CancellationToken cancellationToken)
    {
        private List<Outcome> _finished = [];
        private int _done;
        private bool _failed;

        public async Task<int> DrainAsync()
        {
            var claim = await WriteAsync(null);
            while (claim.Count > 0 || _finished.Count > 0)
            {
                var kind = claim.Count > 0 && claim[0].Kind == BatchKind ? BatchKind : null;
                Task<List<OutboxMessage>>? next = null;
                if (claim.Count > 1 && claim.TrueForAll(m => m.Kind == BatchKind))
                {
                    next = WriteAsync(kind);
                    await CarryOutTogetherAsync(claim);
                }
                else
                {
                    for (var i = 0; i < claim.Count; i++)
                    {
                        if (next is null && !_failed && claim.Count - i <= Lookahead) next = WriteAsync(kind);
                        await CarryOutAsync(claim[i]);
                    }
                }

                claim = await (next ?? WriteAsync(kind, claimMore: !_failed));
                if (!_failed && !cancellationToken.IsCancellationRequested) continue;
                // Stopping, or the relay failed: what the lane still holds goes back, and it takes no more this round.
                foreach (var message in claim) _finished.Add(HandedBack(message));
                if (_finished.Count > 0) await WriteAsync(kind, claimMore: false);
                cancellationToken.ThrowIfCancellationRequested();
                break;
            }

            return _done;
        }

        /// <summary>
        /// Carries out one message unless an earlier one failed transiently (then it is handed back untried, and the lane
        /// takes no more this round: a relay that is down is tried once per lane and round, not once per message) or the
        /// lane is stopping (handed back). One under way when the stop came gets no outcome: it may have reached the
        /// relay, so it keeps its claim.
        /// </summary>
        private async Task CarryOutAsync(OutboxMessage message)
        {
            if (_failed || cancellationToken.IsCancellationRequested)
            {
                Record(HandedBack(message));
                return;
            }

            try
            {
                var outcome = await outbox.CarryOutAsync(message, cancellationToken);
                Record(outcome);
                _failed = outcome is { Done: false, Error: not null, DeadLetter: false };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Under way when the stop came.
            }
        }

        /// <summary>Dispatches side by side; those not finished at a stop stay claimed (doing one twice is harmless, so recovery releases them).</summary>
        private async Task CarryOutTogetherAsync(List<OutboxMessage> claim)
        {
            var outcomes = new Outcome?[claim.Count];
            try
            {
                await Parallel.ForAsync(0, claim.Count, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentDispatches, CancellationToken = cancellationToken },
                    async (i, ct) => outcomes[i] = await outbox.CarryOutAsync(claim[i], ct));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            foreach (var outcome in outcomes.OfType<Outcome>()) Record(outcome);
        }

        private void Record(Outcome outcome)
        {
            _finished.Add(outcome);
            if (outcome.Done) _done++;
            else skipped[outcome.Message.Id] = true;
        }

        /// <summary>One write: the outcomes so far, and (unless stopping) the next claim.</summary>
        private Task<List<OutboxMessage>> WriteAsync(string? kind, bool claimMore = true)
        {
            var settle = _finished;
            _finished = [];
            return outbox.SettleAndClaimAsync(settle, kind, skipped.IsEmpty ? [] : [.. skipped.Keys], claimMore && !cancellationToken.IsCancellationRequested);
        }
    }
}
