using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> b)
    {
        b.Property(r => r.Device).HasMaxLength(200);
        b.Property(r => r.PendingName).HasMaxLength(200);
        b.Property(r => r.ConsentVersion).HasMaxLength(50);
        b.Property(r => r.ResolvedBy).HasMaxLength(256);
        b.Property(r => r.Version).IsConcurrencyToken();
        // Erasing the candidate must not leave their id behind on someone else's review item.
        b.HasOne(r => r.CandidatePerson).WithMany().HasForeignKey(r => r.CandidatePersonId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => new { r.State, r.AtUtc });
    }
}
