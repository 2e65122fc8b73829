using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using AttendanceBlazor.Recognition.FaceApi;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AttendanceBlazor.Application;

/// <summary>
/// What has to be true before the app takes a request, in order: the face models are converted (a missing or corrupt
/// model file stops the app here, with a message naming the file, rather than failing the first check-in), the
/// database is migrated and has its roles, and the face gallery is loaded. The web host runs all of it at start; the
/// CLI runs the database part before its account and device commands.
/// </summary>
public sealed class ApplicationStartup(IServiceProvider services, ILogger<ApplicationStartup> logger)
{
    /// <summary>Whether models, database and gallery are ready (what a load balancer's readiness probe asks).</summary>
    public bool Completed { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var models = services.GetRequiredService<FaceApiModels>();
            logger.LogInformation("Face models ready in {Milliseconds:0} ms", models.LoadTime.TotalMilliseconds);
        }
        catch (ModelLoadException ex)
        {
            logger.LogCritical("Cannot start: {Reason}", ex.Message);
            throw;
        }
        await PrepareDatabaseAsync(cancellationToken);
        var gallery = services.GetRequiredService<FaceGallery>();
        await using var db = await services.GetRequiredService<IDbContextFactory<AttendanceDbContext>>().CreateDbContextAsync(cancellationToken);
        // The feed's place first, then the load: a change committed in between is applied again by the next poll.
        await services.GetRequiredService<FaceIndexFeed>().MarkAsync(db, cancellationToken);
        await gallery.LoadAsync(db, cancellationToken);
        logger.LogInformation("Face gallery loaded: {Count} templates", gallery.Index.Count);
        Completed = true;
    }

    /// <summary>Migrates the database (as configured) and makes sure the four roles exist.</summary>
    public async Task PrepareDatabaseAsync(CancellationToken cancellationToken = default)
    {
        await services.MigrateAttendanceDatabaseAsync(cancellationToken);
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
        await MarkLocalAdministratorsAsync(scope.ServiceProvider, cancellationToken);
    }

    /// <summary>
    /// Administrators made by first-run setup or `attendance admin create` before single sign-on existed carry no
    /// mark yet; the audit log names who made each account, so they are marked here (once; idempotent), and single
    /// sign-on can never take their password (ADR 020).
    /// </summary>
    private static async Task MarkLocalAdministratorsAsync(IServiceProvider scoped, CancellationToken ct)
    {
        var db = scoped.GetRequiredService<AttendanceDbContext>();
        var made = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == Audit.AuditEntities.User && a.Action == Audit.AuditActions.UserCreate && (a.UserName == "first-run setup" || a.UserName.StartsWith("cli:")))
            .Select(a => a.EntityId).Distinct().ToListAsync(ct);
        if (made.Count == 0) return;
        var marked = await db.UserClaims.Where(c => c.ClaimType == SingleSignOn.LocalAdminClaim).Select(c => c.UserId).ToListAsync(ct);
        var users = scoped.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var id in made.Except(marked))
        {
            if (await users.FindByIdAsync(id) is { } user && await users.IsInRoleAsync(user, Roles.Admin)
                && !(await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == SingleSignOn.LoginProvider))
            {
                await SingleSignOn.MarkLocalAdminAsync(users, user);
            }
        }
    }
}
