using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.DisplayName).HasMaxLength(200).IsRequired();
        b.Property(p => p.NormalizedName).HasMaxLength(200).IsRequired();
        b.HasIndex(p => p.NormalizedName).IsUnique();
        b.Property(p => p.ConsentVersion).HasMaxLength(50);
        b.Property(p => p.ConsentSource).HasMaxLength(200);
        b.Property(p => p.PinHash).HasMaxLength(200);
        b.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(p => p.UserId).IsUnique();
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class FaceTemplateConfiguration : IEntityTypeConfiguration<FaceTemplate>
{
    public void Configure(EntityTypeBuilder<FaceTemplate> b)
    {
        b.Property(t => t.Descriptor).IsRequired().HasMaxLength(4096);
        b.Property(t => t.ModelId).HasMaxLength(100).IsRequired();
        b.HasOne(t => t.Person).WithMany(p => p.Templates).HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.PersonId);
    }
}

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> b)
    {
        b.Property(r => r.Device).HasMaxLength(200);
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        b.HasOne(r => r.Person).WithMany(p => p.Records).HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PersonId, r.CheckInUtc });
        b.HasIndex(r => r.CheckInUtc);
        // At most one open record per person: the database itself refuses a second concurrent check-in.
        b.HasIndex(r => r.PersonId).IsUnique().HasFilter("[CheckOutUtc] IS NULL").HasDatabaseName("IX_AttendanceRecords_OneOpenPerPerson");
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserName).HasMaxLength(256).IsRequired();
        b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
        b.Property(a => a.Action).HasMaxLength(100).IsRequired();
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> b)
    {
        b.Property(d => d.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(d => d.Name).IsUnique();
        b.Property(d => d.KeyPrefix).HasMaxLength(16).IsRequired();
        b.HasIndex(d => d.KeyPrefix);
        b.Property(d => d.KeyHash).HasMaxLength(64).IsRequired();
        b.Property(d => d.Scopes).HasConversion<int>();
    }
}

internal sealed class SettingsRecordConfiguration : IEntityTypeConfiguration<SettingsRecord>
{
    public void Configure(EntityTypeBuilder<SettingsRecord> b)
    {
        b.ToTable("Settings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.TimeZone).HasMaxLength(100);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
