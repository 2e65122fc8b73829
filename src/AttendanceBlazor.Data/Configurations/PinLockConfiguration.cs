using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class PinLockConfiguration : IEntityTypeConfiguration<PinLock>
{
    public void Configure(EntityTypeBuilder<PinLock> b)
    {
        b.HasKey(a => a.Subject);
        b.Property(a => a.Subject).HasMaxLength(120);
        b.HasIndex(a => a.PersonId);
        b.HasIndex(a => a.LastFailureUtc);
    }
}
