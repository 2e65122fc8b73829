using System.Text.Json;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// Idempotency-Key for device calls (an addition to the REST API): the outcome of a request that recorded something
/// is kept under the device's key in the same transaction as the event, so an answer lost on the way (a dropped
/// connection, a node killed after its commit) is never an event without its outcome. A resend with the key gets
/// that outcome again and records nothing; two copies sent at once race for the key's row, and the loser decides
/// again and finds it. A request that recorded nothing keeps no row: its resend is decided again, as the first was.
/// A key is bound to its request (<see cref="Fingerprint"/>): the same key with another request is answered
/// <see cref="CheckOutcome.IdempotencyKeyReused"/> and records nothing. The row names the person by id only, so their
/// erasure deletes it. Only <see cref="CheckInWriter"/> reads and writes it.
/// </summary>
public static class Idempotency
{
    public const int MaxKeyLength = 100;

    public static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    /// <summary>A key is 1 to 100 visible ASCII characters (a UUID, say).</summary>
    public static bool IsValidKey(string? key) => key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= '!' and <= '~');

    /// <summary>What is kept of an outcome: what the API says, nothing personal beyond the name it already said.</summary>
    private sealed record Stored(CheckOutcome Outcome, string? Name, int? PersonId, DateTime? LocalTime, DateTime? LastEventLocalTime, TimeSpan DuplicateWindow, bool IsIn, long? ReviewItemId);

    /// <summary>
    /// SHA-256 (hex) over what a request asks: each image's bytes (length first), the name, consent and consent_version.
    /// Not the raw body: a resend's multipart boundaries differ.
    /// </summary>
    public static string Fingerprint(IEnumerable<ReadOnlyMemory<byte>> images, string? name, bool? consent, string? consentVersion)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var image in images)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, image.Length);
            sha.AppendData(length);
            sha.AppendData(image.Span);
        }
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"\nname={name?.Trim()}\nconsent={consent}\nversion={consentVersion}"));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    internal static void Keep(AttendanceDbContext db, CheckContext context, CheckResult result)
    {
        if (context.IdempotencyKey is not { } key || context.Device is not { } device) return;
        var stored = new Stored(result.Outcome, result.Name, result.PersonId, result.LocalTime, result.LastEventLocalTime, result.DuplicateWindow, result.IsIn, result.ReviewItemId);
        db.IdempotentRequests.Add(new IdempotentRequest
        {
            Device = device, Key = key, CreatedUtc = context.AtUtc, Outcome = JsonSerializer.Serialize(stored),
            Fingerprint = context.Fingerprint, PersonId = result.PersonId,
        });
    }

    /// <summary>The key's outcome as this context sees it (a copy committed by another node a moment ago included).</summary>
    internal static async Task<CheckResult?> FindAsync(AttendanceDbContext db, CheckContext context, CancellationToken cancellationToken)
    {
        if (context.IdempotencyKey is not { } key || context.Device is not { } device) return null;
        var since = context.AtUtc - Kept;
        var row = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Device == device && r.Key == key && r.CreatedUtc > since, cancellationToken);
        if (row is null) return null;
        // Another request under a key already used: refused, never answered with the first one's outcome.
        if (row.Fingerprint is { } kept && context.Fingerprint is { } asked && kept != asked) return new CheckResult(CheckOutcome.IdempotencyKeyReused);
        var s = JsonSerializer.Deserialize<Stored>(row.Outcome)!;
        return new CheckResult(s.Outcome)
        {
            Name = s.Name, PersonId = s.PersonId, LocalTime = s.LocalTime, LastEventLocalTime = s.LastEventLocalTime,
            DuplicateWindow = s.DuplicateWindow, IsIn = s.IsIn, ReviewItemId = s.ReviewItemId, Replayed = true,
        };
    }
}
