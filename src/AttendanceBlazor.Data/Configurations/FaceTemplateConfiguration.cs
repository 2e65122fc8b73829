using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class FaceTemplateConfiguration : IEntityTypeConfiguration<FaceTemplate>
{
    public void Configure(EntityTypeBuilder<FaceTemplate> b)
    {
        b.Property(t => t.Descriptor).IsRequired().HasMaxLength(4096);
        b.Property(t => t.ModelId).HasMaxLength(100).IsRequired();
        b.HasOne(t => t.Person).WithMany(p => p.Templates).HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.PersonId);
    }
}
