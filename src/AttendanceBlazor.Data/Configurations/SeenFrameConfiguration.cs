using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class SeenFrameConfiguration : IEntityTypeConfiguration<SeenFrame>
{
    public void Configure(EntityTypeBuilder<SeenFrame> b)
    {
        b.HasKey(f => f.Id);
        b.Property(f => f.Hash).HasMaxLength(32).IsRequired();
        // Frames are compared with those of the person a press is for, and with those bound to nobody yet.
        b.HasIndex(f => f.PersonId);
        b.HasIndex(f => f.PressId);
        b.HasIndex(f => f.SeenUtc);
        b.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
