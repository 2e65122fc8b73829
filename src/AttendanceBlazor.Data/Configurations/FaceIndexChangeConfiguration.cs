using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class FaceIndexChangeConfiguration : IEntityTypeConfiguration<FaceIndexChange>
{
    public void Configure(EntityTypeBuilder<FaceIndexChange> b)
    {
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.AtUtc);
    }
}
