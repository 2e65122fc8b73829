using AttendanceBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AttendanceBlazor.Data.Configurations;

internal sealed class DayOffConfiguration : IEntityTypeConfiguration<DayOff>
{
    public void Configure(EntityTypeBuilder<DayOff> b)
    {
        b.HasIndex(d => d.Date).IsUnique();
        b.Property(d => d.Name).HasMaxLength(100);
    }
}

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> b)
    {
        b.HasIndex(a => new { a.PersonId, a.From });
        b.Property(a => a.Note).HasMaxLength(500);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MonthPeriodConfiguration : IEntityTypeConfiguration<MonthPeriod>
{
    public void Configure(EntityTypeBuilder<MonthPeriod> b)
    {
        b.HasIndex(p => new { p.PersonId, p.Month }).IsUnique();
        b.HasIndex(p => p.Month);
        b.Property(p => p.ApprovedBy).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.Property(e => e.Url).HasMaxLength(2000);
        b.Property(e => e.Events).HasMaxLength(1000);
        b.Property(e => e.Secret).HasMaxLength(2000);
        b.Property(e => e.PreviousSecret).HasMaxLength(2000);
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.Property(d => d.MessageId).HasMaxLength(64);
        b.Property(d => d.EventType).HasMaxLength(50);
        b.Property(d => d.LastResponse).HasMaxLength(1100);
        b.Property(d => d.ClaimedBy).HasMaxLength(200);
        // The dispatcher's query: what is due.
        b.HasIndex(d => new { d.State, d.NextAttemptUtc });
        b.HasIndex(d => d.EndpointId);
        b.HasIndex(d => d.PersonId);
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> b)
    {
        b.Property(m => m.Key).HasMaxLength(200);
        b.Property(m => m.Kind).HasMaxLength(30);
        b.Property(m => m.To).HasMaxLength(320);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(1100);
        b.Property(m => m.ClaimedBy).HasMaxLength(200);
        // Planned once, whichever node plans it first.
        b.HasIndex(m => m.Key).IsUnique();
        b.HasIndex(m => new { m.State, m.NextAttemptUtc });
        b.HasIndex(m => m.PersonId);
    }
}
