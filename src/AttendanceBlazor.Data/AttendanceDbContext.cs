using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Data;

/// <summary>The unit of work: Identity plus attendance. One configuration class per entity.</summary>
public sealed class AttendanceDbContext(DbContextOptions<AttendanceDbContext> options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring, when the keys live in the database (every node of a cluster shares them; ADR 014).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Person> People => Set<Person>();
    public DbSet<FaceTemplate> FaceTemplates => Set<FaceTemplate>();
    public DbSet<AttendanceRecord> AttendanceRecords => Set<AttendanceRecord>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<SettingsRecord> Settings => Set<SettingsRecord>();
    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();
    public DbSet<PinLock> PinLocks => Set<PinLock>();
    public DbSet<FaceIndexChange> FaceIndexChanges => Set<FaceIndexChange>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<SeenFrame> SeenFrames => Set<SeenFrame>();
    public DbSet<DayOff> DaysOff => Set<DayOff>();
    public DbSet<Absence> Absences => Set<Absence>();
    public DbSet<MonthPeriod> Periods => Set<MonthPeriod>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();

    /// <summary>
    /// Notes in the face index's change feed that these people's templates changed: call it in the transaction that
    /// changes them, after the save that gave them their ids, and save again before committing.
    /// </summary>
    public void FaceIndexChanged(DateTime atUtc, params IEnumerable<int> personIds)
    {
        foreach (var id in personIds.Distinct()) FaceIndexChanges.Add(new FaceIndexChange { PersonId = id, AtUtc = atUtc });
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AttendanceDbContext).Assembly);
        // The one provider-specific piece of the model: PostgreSQL quotes identifiers with "", not [].
        if (Database.IsNpgsql())
        {
            builder.Entity<AttendanceRecord>().HasIndex(r => r.PersonId).HasFilter("\"CheckOutUtc\" IS NULL");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC in the database; reading it back marks it so, whatever the provider returns.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>A new concurrency token on every modified row that has one, so a second writer's stale copy is refused.</summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("Version") is { } p && p.ClrType == typeof(Guid))
            {
                entry.Property("Version").CurrentValue = Guid.NewGuid();
            }
        }
    }
}
