using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.Devices;

/// <summary>Devices for the Devices page and the CLI: created with a key shown once, revoked at once, both audited.</summary>
public sealed class DeviceService(IDbContextFactory<AttendanceDbContext> dbFactory, TimeProvider time)
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
}
