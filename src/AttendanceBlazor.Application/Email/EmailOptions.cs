namespace AttendanceBlazor.Application.Email;

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>"Email": reminders through SMTP, off until <c>Email:Smtp:Host</c> is set.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();

    public ReminderOptions Reminders { get; set; } = new();

    /// <summary>The app's address as people open it (https://attendance.example.com), for the links in messages; without it, messages name the page.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How often each node looks for reminders due and messages to send.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IEnumerable<string> Problems()
    {
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromMinutes(10)) yield return "Email:PollInterval must be between 00:00:00.1 and 00:10:00.";
        if (Reminders.SendAt < TimeSpan.Zero || Reminders.SendAt >= TimeSpan.FromDays(1)) yield return "Email:Reminders:SendAt must be a time of day (HH:mm).";
        if (!Configured) yield break;
        if (Smtp.Port is < 1 or > 65535) yield return "Email:Smtp:Port must be between 1 and 65535.";
        if (string.IsNullOrWhiteSpace(Smtp.From) || !MimeKit.MailboxAddress.TryParse(Smtp.From, out _)) yield return "Email:Smtp:From must be an address such as \"Attendance <attendance@example.com>\".";
        if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password)) yield return "Email:Smtp:UserName and Email:Smtp:Password go together.";
        if (BaseUrl is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))) yield return "Email:BaseUrl must be an absolute http or https address.";
    }
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? From { get; set; }
}

/// <summary>Which reminders are sent, and when (local time, <c>Attendance:TimeZone</c>).</summary>
public sealed class ReminderOptions
{
    public TimeSpan SendAt { get; set; } = new(7, 0, 0);

    /// <summary>The morning after a check-out was closed automatically: "when did you leave?", answered on /me.</summary>
    public bool AutoClosed { get; set; } = true;

    /// <summary>Mondays: last week's late and missing days.</summary>
    public bool Weekly { get; set; } = true;

    /// <summary>In a month's first week, when employees confirm their months (Settings): last month waits for their confirmation.</summary>
    public bool ConfirmMonth { get; set; } = true;

    /// <summary>Every day to HR: new review items, months waiting for approval, who could not be reminded.</summary>
    public bool HrDigest { get; set; } = true;
}
