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
        b.Property(p => p.KioskName).HasMaxLength(40);
        b.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(p => p.UserId).IsUnique();
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}
