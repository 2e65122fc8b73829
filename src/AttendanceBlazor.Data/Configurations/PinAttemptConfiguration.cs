using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class PinAttemptConfiguration : IEntityTypeConfiguration<PinAttempt>
{
    public void Configure(EntityTypeBuilder<PinAttempt> b)
    {
        b.HasKey(a => a.NormalizedName);
        b.Property(a => a.NormalizedName).HasMaxLength(200);
        b.HasIndex(a => a.LastFailureUtc);
    }
}
