using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

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
        b.Property(d => d.PairingCodeHash).HasMaxLength(64);
        b.Property(d => d.Culture).HasMaxLength(16);
    }
}
