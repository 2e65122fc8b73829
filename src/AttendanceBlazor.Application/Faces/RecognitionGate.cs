using AttendanceBlazor.Recognition;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Faces;

/// <summary>
/// The concurrency limit around recognition, one per process: so many stills analysed at once
/// (Recognition:MaxConcurrentAnalyses, one per core by default), so many more waiting (AnalysisQueueLimit), and
/// beyond that an immediate "busy" (the API's 503 with Retry-After), so a burst costs bounded memory and CPU instead
/// of growing without limit. A request that holds a slot (the REST API takes one before it reads the images) passes
/// through the analyses it runs inside it.
/// </summary>
public sealed class RecognitionGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _queueLimit;
    // Whether this request already holds a slot. A box, set in the caller's flow before the wait and filled in after
    // it: a value set inside an async method would not flow back to its caller.
    private readonly AsyncLocal<System.Runtime.CompilerServices.StrongBox<bool>> _inside = new();
    private int _waiting;

    public RecognitionGate(IOptions<RecognitionOptions> options)
    {
        Slots = options.Value.MaxConcurrentAnalyses > 0 ? options.Value.MaxConcurrentAnalyses : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(Slots, Slots);
        _queueLimit = options.Value.AnalysisQueueLimit;
    }

    public int Slots { get; }

    /// <summary>Requests waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>A slot, held until disposed; null when the queue is full (answer busy). Re-entrant within one request.</summary>
    public Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        var inside = _inside.Value;
        if (inside is { Value: true }) return Task.FromResult<IDisposable?>(Nothing.Instance);
        if (inside is null)
        {
            inside = new System.Runtime.CompilerServices.StrongBox<bool>();
            _inside.Value = inside;
        }
        return EnterCoreAsync(inside, cancellationToken);
    }

    private async Task<IDisposable?> EnterCoreAsync(System.Runtime.CompilerServices.StrongBox<bool> inside, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _waiting) > _queueLimit)
            {
                Interlocked.Decrement(ref _waiting);
                return null;
            }
            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        inside.Value = true;
        return new Slot(this, inside);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(RecognitionGate gate, System.Runtime.CompilerServices.StrongBox<bool> inside) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            inside.Value = false;
            gate._slots.Release();
        }
    }

    private sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
