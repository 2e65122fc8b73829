using System.Numerics.Tensors;

namespace AttendanceBlazor.Recognition.Matching;

/// <summary>
/// In-memory 1:N index over face descriptors: several templates per person, added and removed at runtime, searched
/// by euclidean distance with SIMD (TensorPrimitives). Readers share a lock; writers take it alone. Templates sit in
/// one contiguous array so a search streams through memory; removal moves the last template into the hole.
/// </summary>
public sealed class FaceIndex<TPerson> : IDisposable where TPerson : notnull
{

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, int> _slotByTemplate = [];
    private float[] _vectors;
    // The same templates quantised to 8 bits (QuantScale), a quarter of the bytes: a large gallery is scanned in
    // these first and only the nearest QuantCandidates are measured exactly (ADR 014, docs/benchmarks.md).
    private sbyte[] _codes;
    private TPerson[] _persons;
    private long[] _templates;
    private int _count;

    public FaceIndex(int dimension, double threshold, double ambiguityMargin, int initialCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        Threshold = threshold;
        AmbiguityMargin = ambiguityMargin;
        _vectors = new float[Math.Max(1, initialCapacity) * dimension];
        _codes = new sbyte[Math.Max(1, initialCapacity) * dimension];
        _persons = new TPerson[Math.Max(1, initialCapacity)];
        _outOfRange = new bool[Math.Max(1, initialCapacity)];
        _templates = new long[Math.Max(1, initialCapacity)];
    }

    public int Dimension { get; }
    /// <summary>The threshold <see cref="Identify(ReadOnlySpan{float})"/> uses; a caller with its own setting passes it per query.</summary>
    public double Threshold { get; }

    public double AmbiguityMargin { get; }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _count; } finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>Adds or replaces a template.</summary>
    public void Add(long templateId, TPerson person, ReadOnlySpan<float> descriptor)
    {
        if (descriptor.Length != Dimension)
        {
            throw new ArgumentException($"Expected a {Dimension}-d descriptor, got {descriptor.Length}.", nameof(descriptor));
        }
        _lock.EnterWriteLock();
        try
        {
            if (!_slotByTemplate.TryGetValue(templateId, out var slot))
            {
                if (_count == _persons.Length) Grow();
                slot = _count++;
                _slotByTemplate[templateId] = slot;
            }
            descriptor.CopyTo(_vectors.AsSpan(slot * Dimension, Dimension));
            MarkRange(slot, Quantise(descriptor, _codes.AsSpan(slot * Dimension, Dimension)));
            _persons[slot] = person;
            _templates[slot] = templateId;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long templateId)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveSlot(templateId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes every template of a person; returns how many.</summary>
    public int RemovePerson(TPerson person)
    {
        _lock.EnterWriteLock();
        try
        {
            var ids = new List<long>();
            var comparer = EqualityComparer<TPerson>.Default;
            for (var i = 0; i < _count; i++)
            {
                if (comparer.Equals(_persons[i], person)) ids.Add(_templates[i]);
            }
            foreach (var id in ids) RemoveSlot(id);
            return ids.Count;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Makes the templates of <paramref name="people"/> exactly <paramref name="templates"/>, in one step: a search
    /// running at the same time sees either the old templates or the new ones, never a person missing between the
    /// two (a face that vanished for a moment would be offered a registration as a stranger). Templates may move
    /// between the people named (a merge).
    /// </summary>
    public void ReplacePeople(IReadOnlyCollection<TPerson> people, IReadOnlyList<(long TemplateId, TPerson Person, float[] Descriptor)> templates)
    {
        foreach (var t in templates)
        {
            if (t.Descriptor.Length != Dimension) throw new ArgumentException($"Expected a {Dimension}-d descriptor, got {t.Descriptor.Length}.", nameof(templates));
        }
        var named = new HashSet<TPerson>(people);
        var kept = new HashSet<long>(templates.Select(t => t.TemplateId));
        _lock.EnterWriteLock();
        try
        {
            var stale = new List<long>();
            for (var i = 0; i < _count; i++)
            {
                if (named.Contains(_persons[i]) && !kept.Contains(_templates[i])) stale.Add(_templates[i]);
            }
            foreach (var id in stale) RemoveSlot(id);
            foreach (var (templateId, person, descriptor) in templates)
            {
                if (!_slotByTemplate.TryGetValue(templateId, out var slot))
                {
                    if (_count == _persons.Length) Grow();
                    slot = _count++;
                    _slotByTemplate[templateId] = slot;
                }
                descriptor.CopyTo(_vectors.AsSpan(slot * Dimension, Dimension));
                MarkRange(slot, Quantise(descriptor, _codes.AsSpan(slot * Dimension, Dimension)));
                _persons[slot] = person;
                _templates[slot] = templateId;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Moves every template of <paramref name="from"/> to <paramref name="to"/> (a merge).</summary>
    public int Reassign(TPerson from, TPerson to)
    {
        _lock.EnterWriteLock();
        try
        {
            var comparer = EqualityComparer<TPerson>.Default;
            var moved = 0;
            for (var i = 0; i < _count; i++)
            {
                if (comparer.Equals(_persons[i], from))
                {
                    _persons[i] = to;
                    moved++;
                }
            }
            return moved;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Clear()
    {
        _lock.EnterWriteLock();
        try
        {
            _count = 0;
            _slotByTemplate.Clear();
            Array.Clear(_persons);
            // Erased descriptors must not linger in memory (or in a crash dump) until overwritten.
            Array.Clear(_vectors);
            Array.Clear(_codes);
            Array.Clear(_outOfRange);
            _unquantisable = 0;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Finds the nearest person and decides whether it is a match at the index's own threshold.</summary>
    public MatchResult<TPerson> Identify(ReadOnlySpan<float> descriptor) => Identify(descriptor, Threshold);

    /// <summary>
    /// Finds the nearest person and decides whether it is a match at <paramref name="threshold"/>. The threshold is
    /// per query, so callers with different settings never change what another caller's query sees.
    /// </summary>
    public MatchResult<TPerson> Identify(ReadOnlySpan<float> descriptor, double threshold)
    {
        if (descriptor.Length != Dimension)
        {
            throw new ArgumentException($"Expected a {Dimension}-d descriptor, got {descriptor.Length}.", nameof(descriptor));
        }
        _lock.EnterReadLock();
        try
        {
            if (_count == 0) return new MatchResult<TPerson>(MatchStatus.Empty, default, double.PositiveInfinity, default, double.PositiveInfinity);
            Best best;
            if (_count < QuantisedThreshold)
            {
                best = Scan(descriptor, 0, _count);
            }
            else if (_unquantisable == 0 && QueryFits(descriptor))
            {
                // Large galleries: the 8-bit codes first (a quarter of the memory to stream, on one core), then the
                // nearest candidates measured exactly, so the answer is the exact search's (QuantisedSearchTests).
                best = ScanQuantised(descriptor);
            }
            else
            {
                // Values outside the codes' range: the exact scan, split over the cores; each part keeps its two
                // best distinct people, which is enough to merge exactly.
                var parts = Math.Min(Environment.ProcessorCount, 8);
                var chunk = (_count + parts - 1) / parts;
                var query = descriptor.ToArray();
                var results = new Best[parts];
                Parallel.For(0, parts, p =>
                {
                    var from = p * chunk;
                    var to = Math.Min(_count, from + chunk);
                    results[p] = from < to ? Scan(query, from, to) : Best.None;
                });
                best = Best.None;
                foreach (var r in results)
                {
                    if (r.BestSlot >= 0) Offer(ref best, r.BestSq, r.BestSlot);
                    if (r.SecondSlot >= 0) Offer(ref best, r.SecondSq, r.SecondSlot);
                }
            }
            return Decide(best, threshold);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Distance between two descriptors.</summary>
    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Distance(a, b);

    private MatchResult<TPerson> Decide(Best best, double threshold)
    {
        var bestPerson = _persons[best.BestSlot];
        var hasRunnerUp = best.SecondSlot >= 0;
        var runnerUp = hasRunnerUp ? _persons[best.SecondSlot] : default;
        var bestDistance = Math.Sqrt(best.BestSq);
        var secondDistance = hasRunnerUp ? Math.Sqrt(best.SecondSq) : double.PositiveInfinity;
        var margin = secondDistance - bestDistance;
        MatchStatus status;
        if (bestDistance > threshold) status = MatchStatus.NoMatch;
        // A runner-up just past the threshold is as close a call as one just inside it: the margin applies whenever
        // the second person is within the threshold plus the margin.
        else if (hasRunnerUp && secondDistance <= threshold + AmbiguityMargin && margin < AmbiguityMargin) status = MatchStatus.Ambiguous;
        else status = MatchStatus.Match;
        return new MatchResult<TPerson>(status, bestPerson, bestDistance, runnerUp, margin);
    }

    private Best Scan(ReadOnlySpan<float> query, int from, int to)
    {
        var best = Best.None;
        var vectors = _vectors.AsSpan();
        for (var i = from; i < to; i++)
        {
            var d = TensorPrimitives.Distance(query, vectors.Slice(i * Dimension, Dimension));
            Offer(ref best, (double)d * d, i);
        }
        return best;
    }

    /// <summary>Keeps the two nearest distinct people seen so far.</summary>
    private void Offer(ref Best best, double sq, int slot)
    {
        if (best.BestSlot >= 0 && EqualityComparer<TPerson>.Default.Equals(_persons[slot], _persons[best.BestSlot]))
        {
            if (sq < best.BestSq) best = best with { BestSq = sq, BestSlot = slot };
        }
        else if (sq < best.BestSq)
        {
            best = new Best(sq, slot, best.BestSq, best.BestSlot);
        }
        else if (sq < best.SecondSq)
        {
            best = best with { SecondSq = sq, SecondSlot = slot };
        }
    }

    /// <summary>Above this many templates a search scans the 8-bit codes first.</summary>
    public const int QuantisedThreshold = 16_384;

    /// <summary>How many nearest templates by 8-bit distance are measured exactly.</summary>
    public const int QuantCandidates = 256;

    /// <summary>
    /// Descriptor values times this, rounded, are the 8-bit codes: ±127 covers ±0.55 with a step of 0.0043 per
    /// dimension. face-api.js descriptors of the shared photos and of faces-hard reach 0.502
    /// (QuantisedSearchTests asserts they fit). A template or query outside the range is not quantised: such a
    /// gallery, or such a query, is searched exactly.
    /// </summary>
    public const float QuantScale = 230f;

    /// <summary>Writes the codes; false when a value is outside the codes' range (they are then not to be trusted).</summary>
    private static bool Quantise(ReadOnlySpan<float> descriptor, Span<sbyte> codes)
    {
        var inRange = true;
        for (var i = 0; i < descriptor.Length; i++)
        {
            var scaled = MathF.Round(descriptor[i] * QuantScale);
            if (scaled is > 127f or < -127f) inRange = false;
            codes[i] = (sbyte)Math.Clamp(scaled, -127f, 127f);
        }
        return inRange;
    }

    /// <summary>Templates whose values did not fit the codes: while there are any, large searches are exact.</summary>
    private int _unquantisable;
    private bool[] _outOfRange = new bool[1];

    private void MarkRange(int slot, bool inRange)
    {
        if (_outOfRange[slot] == !inRange) return;
        _outOfRange[slot] = !inRange;
        _unquantisable += inRange ? -1 : 1;
    }

    private Best ScanQuantised(ReadOnlySpan<float> query)
    {
        Span<sbyte> q = stackalloc sbyte[Dimension];
        Quantise(query, q);
        // The nearest QuantCandidates by 8-bit distance, worst first in an unsorted array (replace the worst).
        Span<int> slots = stackalloc int[QuantCandidates];
        Span<int> dists = stackalloc int[QuantCandidates];
        var kept = 0;
        var worst = int.MaxValue;
        var worstAt = 0;
        var codes = _codes.AsSpan();
        for (var i = 0; i < _count; i++)
        {
            var d = SquaredDistance(q, codes.Slice(i * Dimension, Dimension));
            if (kept < QuantCandidates)
            {
                slots[kept] = i;
                dists[kept] = d;
                if (++kept == QuantCandidates) (worst, worstAt) = Worst(dists);
            }
            else if (d < worst)
            {
                slots[worstAt] = i;
                dists[worstAt] = d;
                (worst, worstAt) = Worst(dists);
            }
        }
        var best = Best.None;
        var vectors = _vectors.AsSpan();
        for (var k = 0; k < kept; k++)
        {
            var d = TensorPrimitives.Distance(query, vectors.Slice(slots[k] * Dimension, Dimension));
            Offer(ref best, (double)d * d, slots[k]);
        }
        return best;
    }

    private static bool QueryFits(ReadOnlySpan<float> query)
    {
        foreach (var v in query) if (MathF.Abs(MathF.Round(v * QuantScale)) > 127f) return false;
        return true;
    }

    private static (int Value, int At) Worst(ReadOnlySpan<int> dists)
    {
        var at = 0;
        for (var i = 1; i < dists.Length; i++) if (dists[i] > dists[at]) at = i;
        return (dists[at], at);
    }

    /// <summary>Squared euclidean distance of two 8-bit codes, 32 dimensions at a time where AVX2 is there.</summary>
    private static int SquaredDistance(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var sum = 0;
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported && a.Length >= 32)
        {
            var acc = System.Runtime.Intrinsics.Vector256<int>.Zero;
            ref var ra = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(a);
            ref var rb = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(b);
            for (; i + 32 <= a.Length; i += 32)
            {
                var va = System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref ra, (nuint)i);
                var vb = System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref rb, (nuint)i);
                var (aLo, aHi) = System.Runtime.Intrinsics.Vector256.Widen(va);
                var (bLo, bHi) = System.Runtime.Intrinsics.Vector256.Widen(vb);
                var dLo = aLo - bLo;
                var dHi = aHi - bHi;
                acc += System.Runtime.Intrinsics.X86.Avx2.MultiplyAddAdjacent(dLo, dLo);
                acc += System.Runtime.Intrinsics.X86.Avx2.MultiplyAddAdjacent(dHi, dHi);
            }
            sum = System.Runtime.Intrinsics.Vector256.Sum(acc);
        }
        for (; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    private readonly record struct Best(double BestSq, int BestSlot, double SecondSq, int SecondSlot)
    {
        public static Best None => new(double.PositiveInfinity, -1, double.PositiveInfinity, -1);
    }

    private bool RemoveSlot(long templateId)
    {
        if (!_slotByTemplate.Remove(templateId, out var slot)) return false;
        var last = --_count;
        if (slot != last)
        {
            _vectors.AsSpan(last * Dimension, Dimension).CopyTo(_vectors.AsSpan(slot * Dimension, Dimension));
            _codes.AsSpan(last * Dimension, Dimension).CopyTo(_codes.AsSpan(slot * Dimension, Dimension));
            MarkRange(slot, !_outOfRange[last]);
            _persons[slot] = _persons[last];
            _templates[slot] = _templates[last];
            _slotByTemplate[_templates[slot]] = slot;
        }
        _persons[last] = default!;
        // The vacated slot held the removed descriptor (or a copy of the moved one): zeroed, not left behind.
        _vectors.AsSpan(last * Dimension, Dimension).Clear();
        _codes.AsSpan(last * Dimension, Dimension).Clear();
        MarkRange(last, true);
        return true;
    }

    private void Grow()
    {
        var capacity = _persons.Length * 2;
        var vectors = new float[capacity * Dimension];
        _vectors.AsSpan(0, _count * Dimension).CopyTo(vectors);
        // The old array goes to the garbage collector, which does not zero it: descriptors are personal data.
        Array.Clear(_vectors);
        _vectors = vectors;
        var codes = new sbyte[capacity * Dimension];
        _codes.AsSpan(0, _count * Dimension).CopyTo(codes);
        Array.Clear(_codes);
        _codes = codes;
        Array.Resize(ref _persons, capacity);
        Array.Resize(ref _outOfRange, capacity);
        Array.Resize(ref _templates, capacity);
    }

    public void Dispose() => _lock.Dispose();
}
