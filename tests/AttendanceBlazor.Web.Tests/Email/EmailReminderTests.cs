using System.Net;
using System.Security.Claims;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Email;
using AttendanceBlazor.Application.Jobs;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Records;
using AttendanceBlazor.Application.WorkingTime;
using AttendanceBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// E-mail reminders sent to a real SMTP server (netDumbster on 127.0.0.1, a port of its own) and read back: the
/// morning after an automatic check-out, in the account's language, once; none to someone who opted out; HR's digest
/// names who could not be reminded. Once on a test clock (every step of the day in order) and once on a real server
/// on the system clock, where the app's own background sender does the planning and sending.
/// </summary>
public sealed class EmailReminderTests : IAsyncDisposable
{
    private static readonly Actor Hr = new(null, "hr@example.com");
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start(FreePort());
    private readonly List<AppFactory> _apps = [];

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private AppFactory App(bool systemClock = false, string sendAt = "07:00", string poll = "00:10:00", bool weekly = true, bool confirmMonths = false)
    {
        var app = new AppFactory { SystemClock = systemClock };
        app.Settings["Email:Smtp:Host"] = "127.0.0.1";
        app.Settings["Email:Smtp:Port"] = _smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Email:Smtp:Security"] = "None";
        app.Settings["Email:Smtp:From"] = "Attendance <attendance@example.com>";
        app.Settings["Email:BaseUrl"] = "https://attendance.example.com";
        app.Settings["Email:Reminders:SendAt"] = sendAt;
        app.Settings["Email:PollInterval"] = poll;
        app.Settings["Email:Reminders:Weekly"] = weekly ? "true" : "false";
        app.Settings["Attendance:WorkingTime:MonthConfirmation"] = confirmMonths ? "true" : "false";
        _apps.Add(app);
        _ = app.Services;
        return app;
    }

    private IReadOnlyList<MimeMessage> Received() =>
        _smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)))).ToList();

    private async Task<IReadOnlyList<MimeMessage>> ReceivedAsync(int count, TimeSpan deadline)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (_smtp.ReceivedEmailCount < count && clock.Elapsed < deadline) await Task.Delay(100);
        return Received();
    }

    private static async Task<int> LinkedPersonAsync(AppFactory app, string name, string email, string? language = null, DateTime? openCheckInLocal = null)
    {
        var added = await app.Services.GetRequiredService<WorkingTimeService>().AddPersonAsync(name, null, Hr);
        Assert.True(added.Succeeded, added.ToString());
        var personId = (int)added.Count;
        if (email.Length > 0)
        {
            var user = await app.CreateUserAsync(email, "Employee");
            if (language is not null)
            {
                using var scope = app.Services.CreateScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                await users.AddClaimAsync((await users.FindByIdAsync(user.Id))!, new Claim(Application.Languages.ClaimType, language));
            }
            Assert.True((await app.Services.GetRequiredService<PeopleService>().LinkAccountAsync(personId, user.Id, Hr)).Succeeded);
        }
        if (openCheckInLocal is { } at)
        {
            var record = await app.Services.GetRequiredService<RecordsService>().AddAsync(personId, at, null, "came in", Hr);
            Assert.True(record.Succeeded, record.ToString());
        }
        return personId;
    }

    [Theory]
    [InlineData("en", "When did you leave?", "Your check-out was closed automatically: checked in 2026-03-02 08:00:00")]
    [InlineData("de", "Wann sind Sie gegangen?", "Ihr Ausstempeln wurde automatisch gesetzt: eingestempelt 2026-03-02 08:00:00")]
    public async Task TheMorningAfterAnAutomaticCheckOutThePersonIsAskedOnceInTheirLanguageAndAnOptedOutPersonIsNot(string language, string subject, string sentence)
    {
        var app = App();
        // 2026-03-02 07:00 UTC is 08:00 in Berlin.
        var ann = await LinkedPersonAsync(app, "Ann Lee", "ann@example.com", language, new DateTime(2026, 3, 2, 8, 0, 0));
        var bob = await LinkedPersonAsync(app, "Bob Stone", "bob@example.com", null, new DateTime(2026, 3, 2, 8, 0, 0));
        await LinkedPersonAsync(app, "Grace Hopper", "", null, new DateTime(2026, 3, 2, 8, 0, 0));
        await app.CreateUserAsync("hr@example.com", "HR");
        Assert.True((await app.Services.GetRequiredService<PeopleService>().SetEmailRemindersAsync(bob, false, new Actor(null, "bob@example.com"))).Succeeded);
        var planner = app.Services.GetRequiredService<ReminderPlanner>();
        var dispatcher = app.Services.GetRequiredService<EmailDispatcher>();

        // The night: the records are closed automatically; 02:00 in Berlin is before the send time.
        app.Time.Advance(TimeSpan.FromHours(18));
        Assert.Equal(3, await app.Services.GetRequiredService<AutoCheckout>().CloseForgottenAsync());
        Assert.Equal(0, await planner.PlanAsync());
        // 07:30 in Berlin: the morning after.
        app.Time.Advance(TimeSpan.FromHours(5.5));
        Assert.Equal(2, await planner.PlanAsync());
        Assert.Equal(2, await dispatcher.RunOnceAsync());

        var mail = await ReceivedAsync(2, TimeSpan.FromSeconds(5));
        var toAnn = Assert.Single(mail, m => m.To.Mailboxes.Single().Address == "ann@example.com");
        Assert.Equal(subject, toAnn.Subject);
        Assert.Contains(sentence, toAnn.TextBody);
        Assert.Contains("https://attendance.example.com/me", toAnn.TextBody);
        Assert.Equal("attendance@example.com", toAnn.From.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", toAnn.Headers["Auto-Submitted"]);
        Assert.DoesNotContain(mail, m => m.To.Mailboxes.Any(a => a.Address == "bob@example.com"));
        var digest = Assert.Single(mail, m => m.To.Mailboxes.Single().Address == "hr@example.com");
        Assert.Contains("Grace Hopper", digest.TextBody);
        Assert.DoesNotContain("Bob Stone", digest.TextBody);

        // Once: planning again, later that day, or on another node, adds nothing.
        app.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await planner.PlanAsync());
        Assert.Equal(0, await dispatcher.RunOnceAsync());
        Assert.Equal(2, _smtp.ReceivedEmailCount);

        // Erasure takes the person's messages, and the digest that named someone erased, along.
        Assert.True((await app.Services.GetRequiredService<PeopleService>().EraseAsync(ann, Hr, "left")).Succeeded);
        await using var db = app.Db();
        Assert.Empty(await db.EmailMessages.Where(m => m.PersonId == ann).ToListAsync());
    }

    [Fact]
    public async Task OnMondayAPersonGetsLastWeeksLateAndMissingDays()
    {
        var app = App();
        var ann = await LinkedPersonAsync(app, "Ann Lee", "ann@example.com");
        await using (var db = app.Db())
        {
            await db.People.Where(p => p.Id == ann).ExecuteUpdateAsync(u => u.SetProperty(p => p.FirstDay, new DateOnly(2026, 3, 2)));
        }
        await app.Services.GetRequiredService<WorkingTimeService>().SetScheduleAsync(ann, "8,8,8,8,8,0,0", new TimeSpan(8, 0, 0), TimeSpan.FromMinutes(5), Hr);
        // Monday 9 March, 07:30 in Berlin: last week's records can be added now.
        app.Time.Advance(new DateTimeOffset(2026, 3, 9, 6, 30, 0, TimeSpan.Zero) - app.Time.GetUtcNow());
        var records = app.Services.GetRequiredService<RecordsService>();
        // Monday on time, Tuesday 08:06 (late), Wednesday to Friday nothing (missing).
        Assert.True((await records.AddAsync(ann, new DateTime(2026, 3, 2, 8, 0, 0), new DateTime(2026, 3, 2, 16, 0, 0), "paper", Hr)).Succeeded);
        Assert.True((await records.AddAsync(ann, new DateTime(2026, 3, 3, 8, 6, 0), new DateTime(2026, 3, 3, 16, 0, 0), "paper", Hr)).Succeeded);

        await app.Services.GetRequiredService<ReminderPlanner>().PlanAsync();
        await app.Services.GetRequiredService<EmailDispatcher>().RunOnceAsync();

        var weekly = Assert.Single(await ReceivedAsync(1, TimeSpan.FromSeconds(5)), m => m.Subject == "Your week: late and missing days");
        Assert.Contains("Tuesday, 3 Mar 2026: late", weekly.TextBody);
        foreach (var day in new[] { "Wednesday, 4 Mar 2026", "Thursday, 5 Mar 2026", "Friday, 6 Mar 2026" }) Assert.Contains(day + ": no record", weekly.TextBody);
        Assert.DoesNotContain("Monday, 2 Mar 2026", weekly.TextBody);
    }

    [Fact]
    public async Task InAMonthsFirstWeekPeopleWhoseLastMonthIsOpenAreAskedToConfirmItOnce()
    {
        // 2 March 2026, 08:00 in Berlin: February has ended; employees confirm their months (Settings).
        var app = App(confirmMonths: true, weekly: false);
        var ann = await LinkedPersonAsync(app, "Ann Lee", "ann@example.com", "de");
        var bob = await LinkedPersonAsync(app, "Bob Stone", "bob@example.com");
        Assert.True((await app.Services.GetRequiredService<PeriodService>().ConfirmAsync(bob, new DateOnly(2026, 2, 1), new Actor(null, "bob@example.com"))).Succeeded);
        var planner = app.Services.GetRequiredService<ReminderPlanner>();

        await planner.PlanAsync();
        await app.Services.GetRequiredService<EmailDispatcher>().RunOnceAsync();

        var mail = Assert.Single(await ReceivedAsync(1, TimeSpan.FromSeconds(5)));
        Assert.Equal("ann@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Bitte bestätigen Sie Februar 2026", mail.Subject);
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await planner.PlanAsync());
        Assert.True(ann > 0);
    }

    [Fact]
    public void ABadSmtpSettingStopsTheStartWithASentenceNamingIt()
    {
        var app = new AppFactory();
        app.Settings["Email:Smtp:Host"] = "127.0.0.1";
        app.Settings["Email:Smtp:From"] = "not an address";
        _apps.Add(app);
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Email:Smtp:From", error.ToString());
    }

    [Fact]
    public async Task OnARealServerOnTheSystemClockTheBackgroundSenderSendsTheReminderOnce()
    {
        // The automatic check-out's reminder alone (on a Monday, a person without a first day would also get last week's missing days).
        var app = App(systemClock: true, sendAt: "00:00", poll: "00:00:00.3", weekly: false);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var yesterday = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone).Date.AddDays(-1);
        // Closed 16 hours later (Attendance:MaxOpenDuration), at 22:00 yesterday: before today's send time.
        await LinkedPersonAsync(app, "Ann Lee", "ann@example.com", null, yesterday.AddHours(6));

        Assert.Equal(1, await app.Services.GetRequiredService<AutoCheckout>().CloseForgottenAsync());

        var mail = await ReceivedAsync(1, TimeSpan.FromSeconds(10));
        Assert.Equal("When did you leave?", Assert.Single(mail).Subject);
        // The sender keeps planning every 0.3 s: still one message after a few more rounds.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, _smtp.ReceivedEmailCount);
        await using var db = app.Db();
        var sent = await db.EmailMessages.SingleAsync();
        Assert.Equal((EmailMessageState.Sent, 1), (sent.State, sent.Attempts));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        _smtp.Stop();
        _smtp.Dispose();
    }
}
