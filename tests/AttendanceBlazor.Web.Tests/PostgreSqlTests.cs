using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AttendanceBlazor.Web.Tests;

/// <summary>
/// The database-dependent behaviour again on a real PostgreSQL: tests/run.sh (the README's test command, which CI
/// runs) installs Debian's postgresql and starts a throwaway cluster, named by ATTENDANCE_TEST_POSTGRES. Each test
/// gets a database of its own, created by the app's migration at start (as in production) and dropped after.
/// </summary>
public sealed class PostgreSqlTests : IDisposable
{
    private readonly ThrowawayPostgresDatabase _database = new();
    private readonly AppFactory _app = new();

    public PostgreSqlTests()
    {
        _app.Settings["Database:Provider"] = "PostgreSQL";
        _app.Settings["ConnectionStrings:Attendance"] = _database.ConnectionString;
    }

    [Fact]
    public async Task TheMigrationsCreateTheDatabaseFromNothingAndLeaveNoModelChangeUncovered()
    {
        await using var db = _app.Db();
        Assert.True(db.Database.IsNpgsql());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges());
        // The roles exist, and the one-open-record index is the partial index PostgreSQL spells with "".
        Assert.Equal(4, await db.Roles.CountAsync());
        await using var connection = new NpgsqlConnection(_app.Settings["ConnectionStrings:Attendance"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select indexdef from pg_indexes where indexname = 'IX_AttendanceRecords_OneOpenPerPerson'", connection);
        Assert.Contains("WHERE (\"CheckOutUtc\" IS NULL)", (string)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task TheRestApiAnswersItsSeedCasesOnPostgreSql()
    {
        var api = await _app.ApiClientAsync();
        var registered = await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Equal("register_and_check_in", (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/check_in_or_out", AppFactory.Form(null, "Nobody"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/check_in_or_out", AppFactory.Form("edge/obama_and_biden.jpg", "Someone"))).StatusCode);

        _app.Time.Advance(TimeSpan.FromHours(9));
        var checkedOut = await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"));
        Assert.Equal("check_out", (await checkedOut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("action").GetString());

        var attendance = await api.GetFromJsonAsync<JsonElement>("/attendance?name=Barack%20Obama");
        Assert.Equal(("2026-03-02 08:00:00", "2026-03-02 17:00:00"),
            (attendance.GetProperty("entry_time").GetString(), attendance.GetProperty("exit_time").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/attendance?name=Nobody")).StatusCode);
    }

    [Fact]
    public async Task ThirtySimultaneousIdenticalCheckInsChangeTheStateOnceOnPostgreSql()
    {
        var api = await _app.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"))).StatusCode);
        var settings = _app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.DuplicateWindowSeconds = 2;
        Assert.True((await settings.SaveAsync(form, Actor.System)).Succeeded);
        _app.Time.Advance(TimeSpan.FromHours(8));

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(29, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        await using var db = _app.Db();
        Assert.Equal(_app.Time.GetUtcNow().UtcDateTime, (await db.AttendanceRecords.SingleAsync()).CheckOutUtc);
    }

    [Fact]
    public async Task ErasureAndRetentionRemoveWhatTheyPromiseOnPostgreSql()
    {
        var api = await _app.ApiClientAsync();
        await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg", "Joe Biden"));
        int obama;
        await using (var db = _app.Db()) obama = await db.People.Where(p => p.DisplayName == "Barack Obama").Select(p => p.Id).SingleAsync();

        Assert.True((await _app.Services.GetRequiredService<PeopleService>().EraseAsync(obama, Actor.System, "asked to be forgotten")).Succeeded);
        await using (var db = _app.Db())
        {
            Assert.False(await db.FaceTemplates.AnyAsync(t => t.PersonId == obama));
            Assert.False(await db.AttendanceRecords.AnyAsync(r => r.PersonId == obama));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.NewValues != null && a.NewValues.Contains("Barack Obama")));
            Assert.True(await db.FaceTemplates.AnyAsync());
        }
        // The erased face is no one's now: the same still is a new face.
        var again = await api.PostAsync("/check_in_or_out", AppFactory.Form("probe/obama.jpg"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        // Retention: closed records older than the setting go, open ones stay.
        var settings = _app.Services.GetRequiredService<SettingsService>();
        var form = await settings.LoadAsync();
        form.RetentionDays = 30;
        Assert.True((await settings.SaveAsync(form, Actor.System)).Succeeded);
        _app.Time.Advance(TimeSpan.FromHours(9));
        await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/biden/1.jpg"));
        _app.Time.Advance(TimeSpan.FromDays(31));
        await _app.Services.GetRequiredService<Application.Jobs.Retention>().RunOnceAsync();
        await using (var db = _app.Db())
        {
            Assert.Equal(0, await db.AttendanceRecords.CountAsync());
        }
    }

    [Fact]
    public async Task TheAttendanceCsvExportsFromPostgreSql()
    {
        var api = await _app.ApiClientAsync();
        await api.PostAsync("/check_in_or_out", AppFactory.Form("enroll/obama/1.jpg", "Barack Obama"));
        await _app.CreateUserAsync("hr@example.com", Roles.HR);
        var hr = await _app.SignedInClientAsync("hr@example.com");
        var csv = await hr.GetStringAsync("/admin/attendance.csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Barack Obama,2026-03-02 08:00:00", lines[1]);
    }

    public void Dispose()
    {
        _app.Dispose();
        _database.Dispose();
    }
}
