using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.Api;

/// <summary>What became of an Idempotency-Key when a request carrying it arrived.</summary>
public enum IdempotencyClaim
{
    /// <summary>The key is new: this request is processed, and its answer kept.</summary>
    Started,

    /// <summary>The key was answered before: the answer is sent again.</summary>
    Answered,

    /// <summary>A request with the key is being processed right now.</summary>
    InProgress,
}

/// <summary>
/// Idempotency-Key for device calls: the first request with a key claims it (a row, so the claim holds across nodes),
/// its final answer is kept for a day, and a resend gets that answer again; an answer that invites a retry (5xx, 429)
/// is not kept, so the resend is processed.
/// </summary>
public sealed class IdempotencyService(IDbContextFactory<AttendanceDbContext> dbFactory, TimeProvider time)
{
    public const int MaxKeyLength = 100;

    public static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    /// <summary>A key is 1 to 100 visible ASCII characters (a UUID, say).</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= '!' and <= '~');

    public async Task<(IdempotencyClaim Claim, IdempotentRequest? Answer)> ClaimAsync(string device, string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.IdempotentRequests.SingleOrDefaultAsync(r => r.Device == device && r.Key == key, cancellationToken);
        if (existing is not null && existing.CreatedUtc > now - Kept)
        {
            return existing.StatusCode is null ? (IdempotencyClaim.InProgress, null) : (IdempotencyClaim.Answered, existing);
        }
        if (existing is not null) db.IdempotentRequests.Remove(existing);
        db.IdempotentRequests.Add(new IdempotentRequest { Device = device, Key = key, CreatedUtc = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (IdempotencyClaim.Started, null);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another node claimed the same key a moment ago.
            return (IdempotencyClaim.InProgress, null);
        }
    }

    /// <summary>Keeps the answer of a claimed key; an answer that invites a retry frees the key instead.</summary>
    public async Task CompleteAsync(string device, string key, int statusCode, string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (statusCode >= 500 || statusCode == 429)
        {
            await db.IdempotentRequests.Where(r => r.Device == device && r.Key == key).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        await db.IdempotentRequests.Where(r => r.Device == device && r.Key == key).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ContentType, contentType).SetProperty(r => r.Body, body), cancellationToken);
    }

    /// <summary>Frees a claimed key after a failure with no answer (the client may resend).</summary>
    public async Task AbandonAsync(string device, string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.IdempotentRequests.Where(r => r.Device == device && r.Key == key && r.StatusCode == null).ExecuteDeleteAsync();
    }

    /// <summary>Drops answers older than a day (the retention job).</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var before = time.GetUtcNow().UtcDateTime - Kept;
        return await db.IdempotentRequests.Where(r => r.CreatedUtc < before).ExecuteDeleteAsync(cancellationToken);
    }
}
