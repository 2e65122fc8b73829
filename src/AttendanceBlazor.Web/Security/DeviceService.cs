using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Web.People;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Web.Security;

/// <summary>Devices from the admin pages: created with a key shown once, revoked at once, both audited.</summary>
public sealed class DeviceService(IDbContextFactory<AttendanceDbContext> dbFactory, TimeProvider time)
{
    public async Task<List<Device>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Devices.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Creates a device; returns its key (never stored) or the reason it was refused.</summary>
    public async Task<(string? Key, string? Error)> CreateAsync(string name, DeviceScopes scopes, Actor actor, CancellationToken cancellationToken = default)
    {
        if (scopes == DeviceScopes.None) return (null, "choose at least one scope");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var (device, key) = await DeviceKeys.CreateAsync(db, name, scopes, now, cancellationToken);
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = now, UserId = actor.UserId, UserName = actor.UserName, EntityType = nameof(Device),
                EntityId = device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = "device-create",
                NewValues = System.Text.Json.JsonSerializer.Serialize(new { device.Name, scopes = DeviceKeys.FormatScopes(device.Scopes) }),
            });
            await db.SaveChangesAsync(cancellationToken);
            return (key, null);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return (null, ex.Message);
        }
    }

    public async Task<string?> RevokeAsync(int deviceId, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == deviceId, cancellationToken);
        if (device is null) return "this device no longer exists";
        if (!device.Enabled) return null;
        device.Enabled = false;
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime, UserId = actor.UserId, UserName = actor.UserName, EntityType = nameof(Device),
            EntityId = device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = "device-revoke",
            OldValues = "{\"enabled\":true}", NewValues = "{\"enabled\":false}",
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
