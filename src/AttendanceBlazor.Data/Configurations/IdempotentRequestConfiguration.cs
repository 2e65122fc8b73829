using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> b)
    {
        b.HasKey(r => new { r.Device, r.Key });
        b.Property(r => r.Device).HasMaxLength(100);
        b.Property(r => r.Key).HasMaxLength(100);
        b.Property(r => r.Outcome).HasMaxLength(4000);
        b.HasIndex(r => r.CreatedUtc);
        b.Property(r => r.Fingerprint).HasMaxLength(64);
        b.HasIndex(r => r.PersonId);
    }
}
