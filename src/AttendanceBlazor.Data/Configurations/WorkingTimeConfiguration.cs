using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class DayOffConfiguration : IEntityTypeConfiguration<DayOff>
{
    public void Configure(EntityTypeBuilder<DayOff> b)
    {
        b.HasIndex(d => d.Date).IsUnique();
        b.Property(d => d.Name).HasMaxLength(100);
    }
}

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> b)
    {
        b.HasIndex(a => new { a.PersonId, a.From });
        b.Property(a => a.Note).HasMaxLength(500);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MonthPeriodConfiguration : IEntityTypeConfiguration<MonthPeriod>
{
    public void Configure(EntityTypeBuilder<MonthPeriod> b)
    {
        b.HasIndex(p => new { p.PersonId, p.Month }).IsUnique();
        b.HasIndex(p => p.Month);
        b.Property(p => p.ApprovedBy).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}
