namespace Opiskeluhuolto.Workflows.Runtime;

/// <summary>Wakes the background workers after a commit.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _outbox = new(0, int.MaxValue);
    private readonly SemaphoreSlim _bookmarks = new(0, int.MaxValue);

    /// <summary>New outbox rows or pending instances.</summary>
    public void Notify()
    {
        if (_outbox.CurrentCount == 0) _outbox.Release();
    }

    /// <summary>New bookmarks (late signals may match now).</summary>
    public void NotifyBookmarks()
    {
        if (_bookmarks.CurrentCount == 0) _bookmarks.Release();
    }

    /// <summary>Waits for outbox work or the timeout.</summary>
    public Task<bool> WaitOutboxAsync(TimeSpan timeout, CancellationToken cancellationToken) => _outbox.WaitAsync(timeout, cancellationToken);

    /// <summary>Waits for new bookmarks or the timeout.</summary>
    public Task<bool> WaitBookmarksAsync(TimeSpan timeout, CancellationToken cancellationToken) => _bookmarks.WaitAsync(timeout, cancellationToken);
}
