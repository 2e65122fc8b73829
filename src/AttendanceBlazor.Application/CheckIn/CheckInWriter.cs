using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// The one write step of every check-in (face, PIN, own tab, registration, "Are you ...?"): one decide-and-write at a
/// time in this process, one transaction, the person's row as the lock across processes, a retry on fresh data after a
/// lost race, and the Idempotency-Key looked up and kept here and nowhere else. The use cases say what to write
/// (<see cref="WriteStep"/>); the toggle itself, with the duplicate window, is <see cref="WriteStep.ToggleAsync"/>.
/// </summary>
public sealed class CheckInWriter(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    AttendanceSettings settingsProvider,
    Diagnostics.AttendanceMetrics metrics,
    TimeProvider time,
    ILogger<CheckInWriter> logger) : IDisposable
{
    private const int MaxAttempts = 8;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The outcome kept under the context's Idempotency-Key, if any: a resend is answered before any work.</summary>
    public async Task<CheckResult?> KeptAsync(CheckContext context, CancellationToken cancellationToken = default)
    {
        if (context.IdempotencyKey is null || context.Device is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Idempotency.FindAsync(db, context, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="decide"/> in one transaction behind the write gate and commits what it wrote, with the
    /// outcome kept under the context's Idempotency-Key when something was recorded. A write that lost a race with
    /// another writer (the person's version changed, a unique index took the other's row first) is decided again on
    /// fresh data, which then sees the other's event: the duplicate window, in or out, the name taken, or the key's
    /// own outcome. <paramref name="afterCommit"/> runs once the transaction is committed (the index follows only a
    /// committed registration).
    /// </summary>
    public async Task<CheckResult> WriteAsync(CheckContext context, Func<WriteStep, Task<CheckResult>> decide, CancellationToken cancellationToken = default) =>
        await WriteAsync(context, decide, null, cancellationToken);

    /// <summary>The same, with the settings in force the caller has just read (one read of the Settings row a check-in).</summary>
    public async Task<CheckResult> WriteAsync(CheckContext context, Func<WriteStep, Task<CheckResult>> decide, EffectiveSettings? settings, CancellationToken cancellationToken = default)
    {
        if (await KeptAsync(context, cancellationToken) is { } early) return early;
        settings ??= await settingsProvider.GetAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                WriteStep? step = null;
                try
                {
                    var result = await dbFactory.InTransactionAsync(async (db, ct) =>
                    {
                        // The same key sent twice at once: the copy that waited (here, or lost to another node) finds
                        // the first one's outcome instead of deciding again.
                        if (await Idempotency.FindAsync(db, context, ct) is { } kept) return kept;
                        step = new WriteStep(db, context, settings, logger, ct);
                        var decided = await decide(step);
                        if (decided.Recorded) Idempotency.Keep(db, context, decided);
                        // Nothing recorded, perhaps because another node committed this very request a moment ago
                        // (its event is what made this one a duplicate): its outcome.
                        else if (await Idempotency.FindAsync(db, context, ct) is { } late) return late;
                        await db.SaveChangesAsync(ct);
                        // The webhook events of what was written, in the same transaction (the ids exist now).
                        if (await step.FlushEventsAsync(time)) await db.SaveChangesAsync(ct);
                        return decided;
                    }, cancellationToken);
                    if (result.Replayed) return result;
                    step?.Committed();
                    // Counted once it is committed: a write that lost a race and was decided again counts once.
                    metrics.Decided(result.Outcome, context.Source);
                    return result;
                }
                catch (Exception ex) when (attempt < MaxAttempts && DatabaseErrors.IsLostRace(ex))
                {
                    logger.LogInformation("A check-in lost a race with another writer; deciding again (attempt {Attempt})", attempt + 1);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>
/// One attempt of the write step, inside its transaction: the context to write in, the check's circumstances, the
/// settings in force, and the toggle every check-in ends in.
/// </summary>
public sealed class WriteStep
{
    private readonly ILogger _logger;
    private readonly List<Action> _afterCommit = [];

    internal WriteStep(AttendanceDbContext db, CheckContext context, EffectiveSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        Db = db;
        Context = context;
        Settings = settings;
        CancellationToken = cancellationToken;
        _logger = logger;
    }

    public AttendanceDbContext Db { get; }

    public CheckContext Context { get; }

    public EffectiveSettings Settings { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Work for after the commit (the in-memory index follows a registration only once it is in the database).</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    private readonly List<(string Type, Func<int?> PersonId, Func<object> Data)> _events = [];

    /// <summary>
    /// A webhook event of this write, into the outbox in the same transaction; <paramref name="data"/> is read after
    /// the save, so it can name the ids the save gave.
    /// </summary>
    public void Event(string type, int? personId, Func<object> data) => _events.Add((type, () => personId, data));

    /// <summary>An event about a person this write creates: their id is read after the save too.</summary>
    public void Event(string type, Func<int?> personId, Func<object> data) => _events.Add((type, personId, data));

    internal async Task<bool> FlushEventsAsync(TimeProvider time)
    {
        foreach (var (type, personId, data) in _events) await Integrations.Outbox.AddAsync(Db, time, type, personId(), data(), CancellationToken);
        return _events.Count > 0;
    }

    internal void Committed()
    {
        foreach (var action in _afterCommit) action();
    }

    /// <summary>The person, if they exist and are not erased.</summary>
    public Task<Person?> PersonAsync(int personId) =>
        Db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, CancellationToken);

    /// <summary>
    /// The state change itself, at the moment the press arrived: check out if the person is in, else check in. A press
    /// that arrived within the duplicate window of the person's last event, or before it (it waited behind that
    /// event's write, or its copy was written by another node first), changes nothing.
    /// </summary>
    public async Task<CheckResult> ToggleAsync(Person person, float? distance)
    {
        var (db, context, settings, ct) = (Db, Context, Settings, CancellationToken);
        var at = context.AtUtc;
        // The person's latest record says all the toggle needs: records of one person never overlap (HR's corrections
        // refuse an overlap), so the latest is the open one if any, and its last event is the person's last.
        var latest = await db.AttendanceRecords.Where(r => r.PersonId == person.Id)
            .OrderByDescending(r => r.CheckInUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var window = context.UnaskedRepeatWindow is { } unasked && unasked > settings.DuplicateWindow ? unasked : settings.DuplicateWindow;
        if (latest is not null && (latest.CheckOutUtc ?? latest.CheckInUtc) is var last && (at <= last || at - last < window))
        {
            return new(CheckOutcome.Duplicate)
            {
                Name = person.DisplayName, PersonId = person.Id, LastEventLocalTime = settings.ToLocal(last), DuplicateWindow = settings.DuplicateWindow,
                IsIn = latest.CheckOutUtc is null,
            };
        }

        CheckOutcome outcome;
        ForgottenCheckOut? forgotten = null;
        if (latest is { CheckOutUtc: null } open)
        {
            open.CheckOutUtc = at;
            open.CheckOutMatchDistance = distance;
            open.CheckOutSource = context.Source;
            open.CheckOutDevice = context.Device;
            open.CheckOutAddress = context.Address;
            open.CheckOutRemote = context.Remote;
            open.CheckOutLocation = context.Location;
            outcome = CheckOutcome.CheckedOut;
            Event(Integrations.WebhookEvents.CheckedOut, person.Id, () => Integrations.Outbox.Record(settings, open, person.DisplayName));
        }
        else
        {
            // Before the new record exists: was the last one closed automatically? Then the person is asked.
            forgotten = await ForgottenCheckOuts.UnansweredAsync(db, latest, settings, ct);
            var record = new AttendanceRecord
            {
                PersonId = person.Id, CheckInUtc = at, Source = context.Source, Device = context.Device, MatchDistance = distance,
                CheckInAddress = context.Address, CheckInRemote = context.Remote, CheckInLocation = context.Location,
            };
            db.AttendanceRecords.Add(record);
            outcome = CheckOutcome.CheckedIn;
            Event(Integrations.WebhookEvents.CheckedIn, person.Id, () => Integrations.Outbox.Record(settings, record, person.DisplayName));
        }
        // The person's row is the lock across processes: its version changes with every event, so of two nodes that
        // decided on the same stale state, the second one's save is refused and the writer decides again (ADR 014).
        person.Version = Guid.NewGuid();
        _logger.LogInformation("Person {PersonId} {Outcome} via {Source} {Device}", person.Id, outcome, context.Source, context.Device);
        return new CheckResult(outcome) { Name = person.DisplayName, PersonId = person.Id, LocalTime = settings.ToLocal(at), Forgotten = forgotten };
    }

    /// <summary>A review item about this check (time, device, candidate, distance; never a still).</summary>
    public ReviewItem Review(ReviewKind kind, int? candidate, float? distance) => CheckReviews.Item(kind, Context, candidate, distance);
}
