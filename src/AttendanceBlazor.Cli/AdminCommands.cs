using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Cli;

/// <summary>Device keys and the headless first admin, on the database the web app uses.</summary>
public static class AdminCommands
{
    public static async Task<int> DeviceAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0) throw new UsageException("device needs a sub-command: add, list or revoke");
        await services.MigrateAttendanceDatabaseAsync();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        await using var db = await services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync();
        switch (args[0])
        {
            case "add":
            {
                if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal)) throw new UsageException("device add needs a NAME");
                var scopes = new List<string>();
                for (var i = 2; i < args.Length; i++)
                {
                    if (args[i] != "--scope" || i + 1 >= args.Length) throw new UsageException($"unexpected '{args[i]}': use --scope check-in|read-attendance|all");
                    scopes.AddRange(args[++i].Split(','));
                }
                DeviceScopes parsed;
                try
                {
                    parsed = scopes.Count == 0 ? DeviceScopes.CheckIn | DeviceScopes.ReadAttendance : DeviceKeys.ParseScopes(scopes);
                }
                catch (ArgumentException ex)
                {
                    throw new UsageException(ex.Message);
                }
                try
                {
                    var (device, key) = await DeviceKeys.CreateAsync(db, args[1], parsed, time.GetUtcNow().UtcDateTime);
                    await stdout.WriteLineAsync($"device '{device.Name}' created with scopes {DeviceKeys.FormatScopes(device.Scopes)}; the key is shown once, store it now:");
                    await stdout.WriteLineAsync(key);
                    return 0;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    await stderr.WriteLineAsync($"error: {ex.Message}");
                    return 1;
                }
            }
            case "list":
                foreach (var d in await db.Devices.AsNoTracking().OrderBy(d => d.Name).ToListAsync())
                {
                    await stdout.WriteLineAsync($"{d.Name}\t{DeviceKeys.FormatScopes(d.Scopes)}\t{(d.Enabled ? "enabled" : "revoked")}\tcreated {d.CreatedUtc:yyyy-MM-dd HH:mm}Z\tlast seen {(d.LastSeenUtc is { } s ? s.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + "Z" : "never")}");
                }
                return 0;
            case "revoke":
            {
                if (args.Length != 2) throw new UsageException("device revoke needs a NAME");
                var device = await db.Devices.SingleOrDefaultAsync(d => d.Name == args[1]);
                if (device is null)
                {
                    await stderr.WriteLineAsync($"error: no device named '{args[1]}'");
                    return 1;
                }
                device.Enabled = false;
                await db.SaveChangesAsync();
                await stdout.WriteLineAsync($"device '{device.Name}' revoked");
                return 0;
            }
            default:
                throw new UsageException($"unknown device sub-command '{args[0]}'");
        }
    }

    public static async Task<int> AdminAsync(string[] args, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "create") throw new UsageException("admin needs a sub-command: create --email EMAIL");
        var email = CliApp.Option(args, "--email") ?? throw new UsageException("admin create needs --email EMAIL");
        var password = Environment.GetEnvironmentVariable("ATTENDANCE_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            password = Console.IsInputRedirected ? (await Console.In.ReadLineAsync())?.Trim() : null;
        }
        if (string.IsNullOrEmpty(password))
        {
            await stderr.WriteLineAsync("error: no password: set ATTENDANCE_ADMIN_PASSWORD or pipe it on standard input");
            return 2;
        }
        await services.MigrateAttendanceDatabaseAsync();
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync("Admin")) await roles.CreateAsync(new IdentityRole("Admin"));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, "Admin");
        if (!result.Succeeded)
        {
            await stderr.WriteLineAsync("error: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            return 1;
        }
        await stdout.WriteLineAsync($"administrator {email} created");
        return 0;
    }
}
