using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class SettingsRecordConfiguration : IEntityTypeConfiguration<SettingsRecord>
{
    public void Configure(EntityTypeBuilder<SettingsRecord> b)
    {
        b.ToTable("Settings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.TimeZone).HasMaxLength(100);
        b.Property(s => s.PersonalCheckIn).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.OutsideNetworks).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.PersonalNetworks).HasMaxLength(2000);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
