using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Recognition;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Faces;

/// <summary>
/// The bytes of pictures this process holds in memory at once, across REST requests and circuits
/// (Recognition:MaxBufferedBytes): a form's images or a camera burst are read into memory only once their size is
/// reserved here, in arrival order, so a crowd of bursts waits in the browser and on the wire instead of in the
/// server's memory. A reservation that cannot be had within the press's deadline is answered busy.
/// </summary>
public sealed class BufferBudget(IOptions<RecognitionOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _queue = new();
    private long _free = options.Value.MaxBufferedBytes;

    public long Limit { get; } = options.Value.MaxBufferedBytes;

    /// <summary>Bytes reserved now.</summary>
    public long InUse
    {
        get
        {
            lock (_lock) return Limit - _free;
        }
    }

    /// <summary>
    /// Reserves <paramref name="bytes"/> for a press that arrived at <paramref name="arrival"/> and must be answered
    /// within <paramref name="within"/>; null when they cannot be had in time. Dispose the lease once the bytes are gone.
    /// </summary>
    public async Task<Lease?> ReserveAsync(long bytes, Arrival arrival, TimeSpan within, CancellationToken cancellationToken)
    {
        if (bytes <= 0) return new Lease(this, 0);
        if (bytes > Limit) return null;
        LinkedListNode<Waiter> node;
        lock (_lock)
        {
            if (_queue.Count == 0 && _free >= bytes)
            {
                _free -= bytes;
                return new Lease(this, bytes);
            }
            node = _queue.AddLast(new Waiter(bytes));
        }
        var left = arrival.Left(within, time);
        using var timeout = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using (linked.Token.Register(() => Abandon(node)))
        {
            try
            {
                await node.Value.Granted.Task;
                return new Lease(this, bytes);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    private void Abandon(LinkedListNode<Waiter> node)
    {
        lock (_lock)
        {
            // Granted already (and so out of the queue): the caller gets its lease and gives it back itself.
            if (node.List is null) return;
            _queue.Remove(node);
            node.Value.Granted.TrySetCanceled();
            Grant();
        }
    }

    private void Release(long bytes)
    {
        lock (_lock)
        {
            _free += bytes;
            Grant();
        }
    }

    private void Grant()
    {
        while (_queue.First is { } first && _free >= first.Value.Bytes)
        {
            _free -= first.Value.Bytes;
            _queue.RemoveFirst();
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed record Waiter(long Bytes)
    {
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Reserved bytes, given back once disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly BufferBudget _budget;
        private long _bytes;

        internal Lease(BufferBudget budget, long bytes)
        {
            _budget = budget;
            _bytes = bytes;
        }

        public void Dispose()
        {
            var bytes = Interlocked.Exchange(ref _bytes, 0);
            if (bytes > 0) _budget.Release(bytes);
        }
    }
}
