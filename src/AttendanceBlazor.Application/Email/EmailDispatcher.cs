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
    // One send (connect, authenticate, send, quit) must end within SendDeadline, well inside the claim, so that no
    // other node takes the message over while this one may still deliver it.
    private static readonly TimeSpan SendDeadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(5);
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
        // Whatever changed since it was planned counts: erased, deactivated or opted out since, it is not sent.
        if (message.PersonId is { } personId && !await db.People.AnyAsync(p => p.Id == personId && p.ErasedUtc == null && p.IsActive && !p.EmailRemindersOff, ct))
        {
            message.State = EmailMessageState.Failed;
            message.LastError = "not sent: the person was erased, deactivated or turned reminders off after it was planned";
            (message.ClaimedBy, message.ClaimedUntilUtc) = (null, null);
            await db.SaveChangesAsync(ct);
            return false;
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(SendDeadline);
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
            }, deadline.Token);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", deadline.Token);
            await client.SendAsync(mime, deadline.Token);
            await client.DisconnectAsync(true, deadline.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = ex.Message.Length > 1024 ? ex.Message[..1024] : ex.Message;
        }

        var after = time.GetUtcNow().UtcDateTime;
        if (!await db.EmailMessages.AnyAsync(m => m.Id == id && m.ClaimedBy == _node, ct)) return error is null;
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
