using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// Check in or out with name and PIN, for people who declined face recognition. Every failure gives the same answer
/// (BadPin), whether the name is unknown, the PIN wrong, or the PIN locked, and costs the same work: one PBKDF2 check
/// and one counted attempt (PinLock), against the person where the name is someone's, against the kiosk device where
/// it is nobody's; so neither the answer nor its timing tells whether a name exists, no typed name is kept, and a name
/// nobody has yet cannot be locked in advance. Wrong PINs lock the person's PIN for PinLockout, doubling with each
/// lockout; after MaxPinLockouts only HR unlocks it (a new PIN).
/// </summary>
public sealed class PinCheckIn(
    IDbContextFactory<AttendanceDbContext> dbFactory,
    CheckInWriter writer,
    PinHasher pinHasher,
    IOptions<AttendanceOptions> options,
    TimeProvider time,
    ILogger<PinCheckIn> logger)
{
    public Task<CheckResult> CheckAsync(string? name, string? pin, string? device, CancellationToken cancellationToken = default) =>
        CheckAsync(name, pin, device, Arrival.Now(time), cancellationToken);

    public async Task<CheckResult> CheckAsync(string? name, string? pin, string? device, Arrival arrival, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(pin)) return new(CheckOutcome.PinIncomplete);
        if (name.Length > options.Value.MaxNameLength || pin.Length > PinPolicy.MaxLength) return new(CheckOutcome.BadPin);
        var normalized = PersonName.NormalizeForLookup(name);

        // The hash check (PBKDF2, tens of milliseconds) runs before the write step, so it never holds up other
        // check-ins; only the short decide-and-write step below is serialised.
        string? pinHash;
        int? personId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.People.Where(p => p.NormalizedName == normalized && p.ErasedUtc == null)
                .Select(p => new { p.Id, p.PinHash }).SingleOrDefaultAsync(cancellationToken);
            (pinHash, personId) = (found?.PinHash, found?.PinHash is null ? null : found.Id);
        }
        // On the thread pool, like recognition: never on a circuit.
        var (pinMatches, upgrade) = await Task.Run(() => pinHasher.Verify(pinHash, pin), cancellationToken);
        var upgraded = upgrade ? await Task.Run(() => pinHasher.Hash(pin), cancellationToken) : null;

        var context = new CheckContext(AttendanceSource.Pin, device, arrival.Utc);
        return await writer.WriteAsync(context, async step =>
        {
            var (db, at, ct) = (step.Db, context.AtUtc, step.CancellationToken);
            var subject = personId is { } id ? PinLock.OfPerson(id) : PinLock.OfDevice(device);
            var attempt = await db.PinLocks.SingleOrDefaultAsync(a => a.Subject == subject, ct);
            var locked = personId is not null && attempt?.LockedUntilUtc is { } until && until > at;
            var person = personId is null ? null : await db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ErasedUtc == null, ct);
            // (A PIN changed or removed while it was being checked is judged by the current one next time.)
            if (locked || !pinMatches || person is null || person.PinHash != pinHash)
            {
                if (!locked) CountWrongPin(db, attempt, subject, personId, at, device);
                return new CheckResult(CheckOutcome.BadPin);
            }
            if (attempt is not null) db.PinLocks.Remove(attempt);
            if (upgraded is not null) person.PinHash = upgraded;
            if (!person.IsActive) return new CheckResult(CheckOutcome.Inactive);
            return await step.ToggleAsync(person, null);
        }, cancellationToken);
    }

    private void CountWrongPin(AttendanceDbContext db, PinLock? attempt, string subject, int? personId, DateTime at, string? device)
    {
        if (attempt is null)
        {
            attempt = new PinLock { Subject = subject, PersonId = personId };
            db.PinLocks.Add(attempt);
        }
        attempt.LastFailureUtc = at;
        attempt.FailedAttempts++;
        if (attempt.FailedAttempts < options.Value.MaxPinAttempts) return;
        attempt.FailedAttempts = 0;
        attempt.Lockouts++;
        attempt.LockedUntilUtc = attempt.Lockouts >= options.Value.MaxPinLockouts
            ? PinLock.UntilHrUnlocks
            : at + options.Value.PinLockout * Math.Pow(2, attempt.Lockouts - 1);
        logger.LogWarning("A PIN was locked (lockout {Lockouts}) after repeated wrong PINs at {Device}", attempt.Lockouts, device);
    }
}
