using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> b)
    {
        b.Property(r => r.Device).HasMaxLength(200);
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.CheckOutSource).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.CheckOutDevice).HasMaxLength(200);
        // An IPv6 address with a zone fits in 64; a location is "lat,lon,accuracy".
        b.Property(r => r.CheckInAddress).HasMaxLength(64);
        b.Property(r => r.CheckOutAddress).HasMaxLength(64);
        b.Property(r => r.CheckInLocation).HasMaxLength(64);
        b.Property(r => r.CheckOutLocation).HasMaxLength(64);
        b.HasOne(r => r.Person).WithMany(p => p.Records).HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.PersonId, r.CheckInUtc });
        b.HasIndex(r => r.CheckInUtc);
        // At most one open record per person: the database itself refuses a second concurrent check-in.
        b.HasIndex(r => r.PersonId).IsUnique().HasFilter("[CheckOutUtc] IS NULL").HasDatabaseName("IX_AttendanceRecords_OneOpenPerPerson");
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}
