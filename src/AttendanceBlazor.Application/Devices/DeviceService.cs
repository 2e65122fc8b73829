using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.Devices;

/// <summary>Devices for the Devices page and the CLI: created with a key shown once, revoked at once, both audited.</summary>
public sealed class DeviceService(IDbContextFactory<AttendanceDbContext> dbFactory, People.PinPepper pepper, TimeProvider time)
{
    public async Task<List<Device>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Devices.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a device; its key is in <see cref="OperationResult.Secret"/>, shown once and never stored.</summary>
    public async Task<OperationResult> CreateAsync(string? name, DeviceScopes scopes, Actor actor, CancellationToken cancellationToken = default)
    {
        if (scopes == DeviceScopes.None) return OperationResult.Fail(Outcome.NoScope);
        if (!DeviceKeys.IsValidName(name)) return OperationResult.Fail(Outcome.BadDeviceName);
        var (device, key) = DeviceKeys.New(name!, scopes, time.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Devices.AnyAsync(d => d.Name == device.Name, cancellationToken)) return OperationResult.Fail(Outcome.DeviceNameTaken, device.Name);
        db.Devices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        db.AddAudit(time, actor, AuditEntities.Device, device.Id, AuditActions.DeviceCreate, null,
            new { device.Name, scopes = DeviceKeys.FormatScopes(device.Scopes) });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.DeviceCreated, device.Name) with
        {
            Secret = key, CreatedId = device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>How long a kiosk's pairing code is valid.</summary>
    public static readonly TimeSpan PairingCodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Adds a kiosk: a row of its own kind whose one-time pairing code is in <see cref="OperationResult.Secret"/>
    /// (shown once, valid for <see cref="PairingCodeLifetime"/>). The tablet that types it becomes that kiosk.
    /// </summary>
    public async Task<OperationResult> CreateKioskAsync(string? name, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!DeviceKeys.IsValidName(name)) return OperationResult.Fail(Outcome.BadDeviceName);
        var now = time.GetUtcNow().UtcDateTime;
        // The row's key is random and never shown: nothing opens the kiosk until a code is exchanged for a new one.
        var (device, _) = DeviceKeys.New(name!, DeviceScopes.CheckIn, now);
        var code = DeviceKeys.NewPairingCode();
        device.Kind = DeviceKind.Kiosk;
        device.PairingCodeHash = DeviceKeys.PairingCodeHash(code, pepper.Key);
        device.PairingExpiresUtc = now + PairingCodeLifetime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Devices.AnyAsync(d => d.Name == device.Name, cancellationToken)) return OperationResult.Fail(Outcome.DeviceNameTaken, device.Name);
        db.Devices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        db.AddAudit(time, actor, AuditEntities.Device, device.Id, AuditActions.DeviceCreate, null, new { device.Name, kind = "kiosk" });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.DeviceCreated, device.Name) with
        {
            Secret = code, CreatedId = device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// A tablet typed <paramref name="code"/>: if it is a kiosk's live code, the code is spent and the kiosk's new
    /// secret (for the tablet's cookie) is in <see cref="OperationResult.Secret"/>. A wrong, spent or expired code and
    /// a revoked kiosk get the same answer.
    /// </summary>
    public async Task<OperationResult> PairAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20) return OperationResult.Fail(Outcome.PairingCodeInvalid);
        var hash = DeviceKeys.PairingCodeHash(code, pepper.Key);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Kind == DeviceKind.Kiosk && d.PairingCodeHash == hash, cancellationToken);
        if (device is null || !device.Enabled || device.PairingExpiresUtc is not { } expires || expires <= now) return OperationResult.Fail(Outcome.PairingCodeInvalid);
        var secret = DeviceKeys.NewKey();
        device.KeyPrefix = DeviceKeys.Prefix(secret);
        device.KeyHash = DeviceKeys.Hash(secret);
        device.PairingCodeHash = null;
        device.PairingExpiresUtc = null;
        device.LastSeenUtc = now;
        db.AddAudit(time, new Actor(null, $"kiosk:{device.Name}"), AuditEntities.Device, device.Id, AuditActions.DevicePaired, null, new { device.Name });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.KioskPaired, device.Name) with { Secret = secret };
    }

    /// <summary>The enabled kiosk a tablet's cookie secret belongs to, or null.</summary>
    public async Task<Device?> FindKioskAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var device = await DeviceKeys.FindAsync(db, secret, DeviceKind.Kiosk, cancellationToken);
        if (device is { Enabled: true }) await SeenAsync(db, device.Id, cancellationToken);
        return device;
    }

    /// <summary>
    /// Whether kiosk <paramref name="deviceId"/> may still work (not revoked): asked on every check-in and every minute
    /// of an open kiosk page, which is also when the Devices page learns that the kiosk is alive ("Last seen").
    /// </summary>
    public async Task<bool> IsActiveKioskAsync(int deviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var active = await db.Devices.AnyAsync(d => d.Id == deviceId && d.Kind == DeviceKind.Kiosk && d.Enabled, cancellationToken);
        if (active) await SeenAsync(db, deviceId, cancellationToken);
        return active;
    }

    /// <summary>Notes that a kiosk was seen now, at most once a minute (a kiosk page asks every minute; no write storm).</summary>
    private async Task SeenAsync(AttendanceDbContext db, int deviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var stale = now - TimeSpan.FromMinutes(1);
        await db.Devices.Where(d => d.Id == deviceId && (d.LastSeenUtc == null || d.LastSeenUtc < stale))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastSeenUtc, now), cancellationToken);
    }

    public async Task<OperationResult> RevokeAsync(int deviceId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await RevokeAsync(db, await db.Devices.SingleOrDefaultAsync(d => d.Id == deviceId, cancellationToken), actor, cancellationToken);
    }

    public async Task<OperationResult> RevokeAsync(string name, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var trimmed = name.Trim();
        return await RevokeAsync(db, await db.Devices.SingleOrDefaultAsync(d => d.Name == trimmed, cancellationToken), actor, cancellationToken);
    }

    private async Task<OperationResult> RevokeAsync(AttendanceDbContext db, Device? device, Actor actor, CancellationToken cancellationToken)
    {
        if (device is null) return OperationResult.Fail(Outcome.DeviceNotFound);
        if (!device.Enabled) return OperationResult.Ok(Outcome.DeviceRevoked, device.Name);
        device.Enabled = false;
        db.AddAudit(time, actor, AuditEntities.Device, device.Id, AuditActions.DeviceRevoke, new { enabled = true }, new { enabled = false });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.DeviceRevoked, device.Name);
    }

    /// <summary>The language a kiosk speaks (one of <see cref="Languages.Supported"/>, or null for the browser's), audited.</summary>
    public async Task<OperationResult> SetLanguageAsync(int deviceId, string? culture, Actor actor, CancellationToken cancellationToken = default)
    {
        culture = string.IsNullOrWhiteSpace(culture) ? null : culture.Trim();
        if (culture is not null && !Languages.Supported.Contains(culture)) return OperationResult.Fail(Outcome.UnknownLanguage);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == deviceId && d.Kind == DeviceKind.Kiosk, cancellationToken);
        if (device is null) return OperationResult.Fail(Outcome.DeviceNotFound);
        if (device.Culture == culture) return OperationResult.Ok(Outcome.NothingChanged, device.Name);
        db.AddAudit(time, actor, AuditEntities.Device, device.Id, AuditActions.DeviceLanguage, new { language = device.Culture }, new { language = culture });
        device.Culture = culture;
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(Outcome.DeviceLanguageSet, device.Name) with { OtherName = culture };
    }
}
