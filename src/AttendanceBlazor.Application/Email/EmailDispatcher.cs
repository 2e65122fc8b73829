using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AttendanceBlazor.Application.Email;

/// <summary>
/// Sends the e-mail outbox through SMTP (MailKit): each due message claimed by one node with an UPDATE only one can
/// win (as webhooks are, ADR 019), retried after 1 min, 5 min, 30 min, then every 2 h, given up after a day.
/// </summary>
public sealed class EmailDispatcher(IDbContextFactory<AttendanceDbContext> dbFactory, IOptions<EmailOptions> options, TimeProvider time, ILogger<EmailDispatcher> logger)
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Sends what is due; returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Configured) return 0;
        var now = time.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.EmailMessages.AsNoTracking()
                .Where(m => m.State == EmailMessageState.Pending && m.NextAttemptUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(cancellationToken);
        }
        var sent = 0;
        foreach (var id in due)
        {
            if (!await ClaimAsync(id, cancellationToken)) continue;
            if (await SendAsync(id, cancellationToken)) sent++;
        }
        return sent;
    }

    private async Task<bool> ClaimAsync(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EmailMessages
            .Where(m => m.Id == id && m.State == EmailMessageState.Pending && m.NextAttemptUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedBy, _node).SetProperty(m => m.ClaimedUntilUtc, now + Claim), ct) == 1;
    }

    private async Task<bool> SendAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.EmailMessages.SingleAsync(m => m.Id == id, ct);
        var smtp = options.Value.Smtp;
        string? error = null;
        try
        {
            var mime = new MimeMessage();
            mime.From.Add(MailboxAddress.Parse(smtp.From!));
            mime.To.Add(MailboxAddress.Parse(message.To));
            mime.Subject = message.Subject;
            mime.Body = new TextPart("plain") { Text = message.Body };
            // Reminders are automatic: no out-of-office answers back (RFC 3834).
            mime.Headers.Add("Auto-Submitted", "auto-generated");
            using var client = new SmtpClient { Timeout = 30_000 };
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, ct);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            await client.SendAsync(mime, ct);
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = ex.Message.Length > 1024 ? ex.Message[..1024] : ex.Message;
        }

        var after = time.GetUtcNow().UtcDateTime;
        message.Attempts++;
        (message.ClaimedBy, message.ClaimedUntilUtc) = (null, null);
        message.LastError = error;
        if (error is null)
        {
            message.State = EmailMessageState.Sent;
            message.SentUtc = after;
        }
        else if (after - message.CreatedUtc >= GiveUpAfter)
        {
            message.State = EmailMessageState.Failed;
            logger.LogError("E-mail {Id} ({Kind}) given up after {Attempts} tries: {Error}", message.Id, message.Kind, message.Attempts, error);
        }
        else
        {
            message.NextAttemptUtc = after + Delays[Math.Min(message.Attempts, Delays.Length) - 1];
            logger.LogWarning("E-mail {Id} ({Kind}) could not be sent (try {Attempts}): {Error}", message.Id, message.Kind, message.Attempts, error);
        }
        await db.SaveChangesAsync(ct);
        return error is null;
    }
}
