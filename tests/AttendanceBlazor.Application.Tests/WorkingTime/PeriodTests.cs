using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Records;
using AttendanceBlazor.Application.Review;
using AttendanceBlazor.Application.WorkingTime;

namespace AttendanceBlazor.Application.Tests;

/// <summary>
/// Approving, locking and reopening a month, on SQLite and on PostgreSQL, through the services the pages and the CLI
/// use. The clock stands at 2 March 2026 (Berlin): February has ended.
/// </summary>
public sealed class PeriodTests
{
    private static readonly Actor Hr = new("hr-id", "hr@example.com");
    private static readonly DateOnly February = new(2026, 2, 1);

    private static Task<TestApp> StartAsync(bool postgres, bool confirmation = false) => TestApp.StartAsync(new Dictionary<string, string?>
    {
        ["Attendance:WorkingTime:BreakRule"] = "Germany",
        ["Attendance:WorkingTime:MonthConfirmation"] = confirmation ? "true" : "false",
    }, postgres: postgres);

    private static async Task<int> PersonAsync(TestApp app, string name = "Ann Lee")
    {
        var added = await app.Get<WorkingTimeService>().AddPersonAsync(name, new DateOnly(2026, 2, 2), Hr);
        Assert.True(added.Succeeded, added.ToString());
        return (int)added.Count;
    }

    private static DateTime Local(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALockedMonthRefusesCorrectionsUntilItIsReopenedAndTheAuditShowsEachStep(bool postgres)
    {
        await using var app = await StartAsync(postgres);
        var ann = await PersonAsync(app);
        var records = app.Get<RecordsService>();
        Assert.True((await records.AddAsync(ann, Local("2026-02-03 08:00"), Local("2026-02-03 16:30"), "forgot", Hr)).Succeeded);

        var approved = await app.Get<PeriodService>().ApproveAsync(February, null, Hr);
        Assert.True(approved.Succeeded, approved.ToString());
        Assert.Equal(1, approved.Count);

        long recordId;
        Guid version;
        await using (var db = app.Db())
        {
            var r = await db.AttendanceRecords.SingleAsync();
            (recordId, version) = (r.Id, r.Version);
        }
        var refused = await records.CorrectAsync(recordId, version, Local("2026-02-03 07:00"), Local("2026-02-03 16:30"), "earlier", Hr);
        Assert.Equal(Outcome.PeriodLocked, refused.Outcome);
        Assert.Equal(new DateTime(2026, 2, 1), refused.Time);
        Assert.Equal(Outcome.PeriodLocked, (await records.AddAsync(ann, Local("2026-02-04 08:00"), Local("2026-02-04 12:00"), "forgot", Hr)).Outcome);
        // Moving a March record into February is refused as well.
        Assert.True((await records.AddAsync(ann, Local("2026-03-02 06:00"), Local("2026-03-02 07:00"), "early", Hr)).Succeeded);
        await using (var db = app.Db())
        {
            var march = await db.AttendanceRecords.OrderByDescending(r => r.Id).FirstAsync();
            Assert.Equal(Outcome.PeriodLocked, (await records.CorrectAsync(march.Id, march.Version, Local("2026-02-27 06:00"), Local("2026-02-27 07:00"), "wrong day", Hr)).Outcome);
            Assert.Equal(Local("2026-02-03 08:00"), TimeZoneInfo.ConvertTimeFromUtc((await db.AttendanceRecords.SingleAsync(r => r.Id == recordId)).CheckInUtc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")));
        }

        Assert.Equal(Outcome.ReasonRequired, (await app.Get<PeriodService>().ReopenAsync(February, ann, " ", Hr)).Outcome);
        Assert.True((await app.Get<PeriodService>().ReopenAsync(February, ann, "HR missed a correction", Hr)).Succeeded);
        var corrected = await records.CorrectAsync(recordId, version, Local("2026-02-03 07:00"), Local("2026-02-03 16:30"), "earlier", Hr);
        Assert.True(corrected.Succeeded, corrected.ToString());

        await using (var db = app.Db())
        {
            var actions = await db.AuditEntries.Where(a => a.EntityType == AuditEntities.Period).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
            Assert.Equal(["approve-period", "refused-locked", "refused-locked", "refused-locked", "reopen-period"], actions);
            Assert.Equal("HR missed a correction", (await db.AuditEntries.SingleAsync(a => a.Action == "reopen-period")).Reason);
            Assert.True((await db.AttendanceRecords.SingleAsync(r => r.Id == recordId)).Corrected);
        }
        var sheet = (await app.Get<TimesheetService>().OfPersonAsync(ann, February))!.Sheet;
        Assert.Equal(["corrected"], sheet.Days[2].Flags.Except(["break_short"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApprovalIsRefusedWithTheNamesWhileARecordOfTheMonthIsOpen(bool postgres)
    {
        await using var app = await StartAsync(postgres);
        var ann = await PersonAsync(app);
        var bob = await PersonAsync(app, "Bob Stone");
        Assert.True((await app.Get<RecordsService>().AddAsync(ann, Local("2026-02-27 08:00"), null, "forgot", Hr)).Succeeded);
        Assert.True((await app.Get<RecordsService>().AddAsync(bob, Local("2026-02-27 08:00"), Local("2026-02-27 12:00"), "forgot", Hr)).Succeeded);
        var refused = await app.Get<PeriodService>().ApproveAsync(February, null, Hr);
        Assert.Equal((Outcome.PeriodHasOpenRecords, "Ann Lee"), (refused.Outcome, refused.Detail));
        // Bob alone can be approved; March has not ended.
        Assert.True((await app.Get<PeriodService>().ApproveAsync(February, bob, Hr)).Succeeded);
        Assert.Equal(Outcome.PeriodNotEnded, (await app.Get<PeriodService>().ApproveAsync(new DateOnly(2026, 3, 1), bob, Hr)).Outcome);
        await using var db = app.Db();
        Assert.Equal([bob], await db.Periods.Select(p => p.PersonId).ToListAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnApprovedMonthAndItsExportStayAsApprovedWhenTheScheduleAndDaysOffChange(bool postgres)
    {
        await using var app = await StartAsync(postgres);
        var ann = await PersonAsync(app);
        Assert.True((await app.Get<RecordsService>().AddAsync(ann, Local("2026-02-03 08:00"), Local("2026-02-03 16:00"), "forgot", Hr)).Succeeded);
        Assert.True((await app.Get<PeriodService>().ApproveAsync(February, ann, Hr)).Succeeded);
        var before = (await app.Get<TimesheetService>().OfPersonAsync(ann, February))!.Sheet;
        var exportBefore = await CsvAsync(app);

        Assert.True((await app.Get<WorkingTimeService>().SetScheduleAsync(ann, "6,6,6,6,6,0,0", null, null, Hr)).Succeeded);
        Assert.True((await app.Get<WorkingTimeService>().AddDayOffAsync(new DateOnly(2026, 2, 16), "Rosenmontag", Hr)).Succeeded);

        var after = (await app.Get<TimesheetService>().OfPersonAsync(ann, February))!.Sheet;
        Assert.Equal(before.Totals, after.Totals);
        Assert.Equal("approved", after.State);
        Assert.Equal(exportBefore, await CsvAsync(app));
        // 20 working days from Monday the 2nd at 8 hours; 8 hours worked with 30 minutes deducted under the German rule.
        Assert.Equal(new TimesheetTotals(480, 450, 0, 20 * 480, 450 - 20 * 480), after.Totals);
        Assert.Contains("Ann Lee,7.50,0.00,160.00,-152.50,1,0,19,approved", exportBefore);

        // Reopened, the month is computed again with the new schedule and the new day off: 19 days of 6 hours.
        Assert.True((await app.Get<PeriodService>().ReopenAsync(February, ann, "schedule was wrong", Hr)).Succeeded);
        Assert.Equal(19 * 360, (await app.Get<TimesheetService>().OfPersonAsync(ann, February))!.Sheet.Totals.ExpectedMinutes);
    }

    private static async Task<string> CsvAsync(TestApp app)
    {
        using var stream = new MemoryStream();
        await app.Get<PayrollExport>().WriteAsync(February, PayrollFormat.Csv, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AForgottenCheckOutAnswerForALockedDayIsNotAppliedAndWaitsForHrOnce(bool postgres)
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Attendance:ApplyForgottenCheckOuts"] = "true" }, postgres: postgres);
        var ann = await PersonAsync(app);
        long recordId;
        await using (var db = app.Db())
        {
            var closed = new AttendanceRecord
            {
                PersonId = ann, CheckInUtc = new DateTime(2026, 2, 26, 7, 0, 0, DateTimeKind.Utc), CheckOutUtc = new DateTime(2026, 2, 26, 22, 59, 0, DateTimeKind.Utc),
                AutoClosed = true, CheckOutSource = AttendanceSource.AutoClose,
            };
            db.AttendanceRecords.Add(closed);
            await db.SaveChangesAsync();
            recordId = closed.Id;
        }
        Assert.True((await app.Get<PeriodService>().ApproveAsync(February, ann, Hr)).Succeeded);

        var forgotten = app.Get<ForgottenCheckOuts>();
        var answer = await forgotten.AnswerAsync(ann, recordId, Local("2026-02-26 16:00"), AttendanceSource.Personal, "personal", new Actor("ann-id", "ann@example.com"));
        Assert.Equal(Outcome.ForgottenCheckOutHeldLocked, answer.Outcome);
        Assert.Equal(Outcome.ForgottenCheckOutAnswered, (await forgotten.AnswerAsync(ann, recordId, Local("2026-02-26 16:30"), AttendanceSource.Personal, "personal", new Actor("ann-id", "ann@example.com"))).Outcome);
        await using (var db = app.Db())
        {
            Assert.Equal(1, await db.ReviewItems.CountAsync(i => i.Kind == ReviewKind.ForgottenCheckOut && i.State == ReviewState.Open && i.RecordId == recordId));
            var record = await db.AttendanceRecords.SingleAsync();
            Assert.Equal((true, new DateTime(2026, 2, 26, 22, 59, 0)), (record.AutoClosed, record.CheckOutUtc));
        }
        // HR cannot apply it either while the month is locked; after a reopen they can.
        var item = (await app.Get<ReviewService>().OpenAsync()).Single(r => r.Kind == ReviewKind.ForgottenCheckOut);
        Assert.Equal(Outcome.PeriodLocked, (await app.Get<ReviewService>().ConfirmAsync(item.ItemId!.Value, Hr)).Outcome);
        Assert.True((await app.Get<PeriodService>().ReopenAsync(February, ann, "late answer", Hr)).Succeeded);
        Assert.True((await app.Get<ReviewService>().ConfirmAsync(item.ItemId!.Value, Hr)).Succeeded);
        await using (var db = app.Db())
        {
            var record = await db.AttendanceRecords.SingleAsync();
            Assert.Equal((false, true, new DateTime(2026, 2, 26, 15, 0, 0)), (record.AutoClosed, record.Corrected, record.CheckOutUtc));
        }
    }

    [Fact]
    public async Task AChangeToAConfirmedMonthSendsItBackToOpenAndMarksItForThePerson()
    {
        await using var app = await StartAsync(postgres: false, confirmation: true);
        var ann = await PersonAsync(app);
        var periods = app.Get<PeriodService>();
        Assert.Equal(Outcome.PeriodNotEnded, (await periods.ConfirmAsync(ann, new DateOnly(2026, 3, 1), Hr)).Outcome);
        Assert.True((await periods.ConfirmAsync(ann, February, Hr)).Succeeded);
        Assert.Equal(PeriodState.Confirmed, (await app.Get<TimesheetService>().OfPersonAsync(ann, February))!.State);

        Assert.True((await app.Get<RecordsService>().AddAsync(ann, Local("2026-02-05 08:00"), Local("2026-02-05 12:00"), "forgot", Hr)).Succeeded);
        var view = (await app.Get<TimesheetService>().OfPersonAsync(ann, February))!;
        Assert.Equal(PeriodState.Open, view.State);
        Assert.NotNull(view.ChangedAfterConfirmUtc);
        // HR may approve what is not confirmed.
        Assert.True((await periods.ApproveAsync(February, ann, Hr)).Succeeded);
        Assert.Equal(Outcome.PeriodAlreadyApproved, (await periods.ConfirmAsync(ann, February, Hr)).Outcome);
    }

    [Fact]
    public async Task MergingIntoOrFromALockedMonthIsRefused()
    {
        await using var app = await StartAsync(postgres: false);
        var ann = await PersonAsync(app);
        var copy = await PersonAsync(app, "Ann Lee Two");
        Assert.True((await app.Get<RecordsService>().AddAsync(copy, Local("2026-02-10 08:00"), Local("2026-02-10 12:00"), "forgot", Hr)).Succeeded);
        Assert.True((await app.Get<PeriodService>().ApproveAsync(February, ann, Hr)).Succeeded);
        Assert.Equal(Outcome.PeriodLocked, (await app.Get<AttendanceBlazor.Application.People.PeopleService>().MergeAsync(copy, ann, Hr, "same person")).Outcome);
        await using var db = app.Db();
        Assert.Equal(copy, (await db.AttendanceRecords.SingleAsync()).PersonId);
    }

    [Fact]
    public async Task TheRunningBalanceCarriesTheOpeningBalanceAndEachMonthsBalance()
    {
        await using var app = await StartAsync(postgres: false);
        var ann = await PersonAsync(app);
        // From January: an opening balance of +10 hours; January expects nothing (the first day is 2 February).
        Assert.True((await app.Get<WorkingTimeService>().SetOpeningBalanceAsync(ann, 600, new DateOnly(2026, 1, 15), Hr)).Succeeded);
        Assert.True((await app.Get<RecordsService>().AddAsync(ann, Local("2026-02-03 08:00"), Local("2026-02-03 16:00"), "forgot", Hr)).Succeeded);
        var february = (await app.Get<TimesheetService>().OfPersonAsync(ann, February))!;
        Assert.Equal(600, february.CarriedMinutes);
        var march = (await app.Get<TimesheetService>().OfPersonAsync(ann, new DateOnly(2026, 3, 1)))!;
        // February: 8 hours worked, 30 minutes deducted (no break), 20 days of 8 hours expected.
        Assert.Equal(600 + 450 - 20 * 480, march.CarriedMinutes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ErasureOfSomeoneWithALockedMonthKeepsItsFiguresUnderThePlaceholderAndNoName(bool postgres)
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?> { ["Attendance:KeepRecordsOnErasure"] = "true" }, postgres: postgres);
        var ann = await PersonAsync(app, "Annabel Quist");
        Assert.True((await app.Get<RecordsService>().AddAsync(ann, Local("2026-02-03 08:00"), Local("2026-02-03 16:00"), "forgot", Hr)).Succeeded);
        Assert.True((await app.Get<WorkingTimeService>().AddAbsenceAsync(ann, new DateOnly(2026, 2, 4), new DateOnly(2026, 2, 5), AbsenceKind.Sick, "Annabel Quist called in", Hr)).Succeeded);
        Assert.True((await app.Get<PeriodService>().ApproveAsync(February, ann, Hr)).Succeeded);
        var before = (await app.Get<TimesheetService>().OfPersonAsync(ann, February))!.Sheet.Totals;

        var erased = await app.Get<AttendanceBlazor.Application.People.PeopleService>().EraseAsync(ann, Hr, "asked to be erased");
        Assert.True(erased.Succeeded, erased.ToString());
        await using var db = app.Db();
        var period = await db.Periods.SingleAsync();
        Assert.DoesNotContain("Annabel", period.Snapshot);
        Assert.Contains($"Erased person {ann}", period.Snapshot);
        Assert.Null((await db.Absences.SingleAsync()).Note);
        Assert.Equal(before, (await app.Get<TimesheetService>().OfPersonAsync(ann, February))!.Sheet.Totals);
    }

    [Fact]
    public async Task ErasureWithoutKeptRecordsTakesTheirMonthsAndAbsencesAlong()
    {
        await using var app = await StartAsync(postgres: false);
        var ann = await PersonAsync(app);
        Assert.True((await app.Get<WorkingTimeService>().AddAbsenceAsync(ann, new DateOnly(2026, 2, 4), new DateOnly(2026, 2, 4), AbsenceKind.Vacation, null, Hr)).Succeeded);
        Assert.True((await app.Get<PeriodService>().ApproveAsync(February, ann, Hr)).Succeeded);
        Assert.True((await app.Get<AttendanceBlazor.Application.People.PeopleService>().EraseAsync(ann, Hr, "asked to be erased")).Succeeded);
        await using var db = app.Db();
        Assert.Empty(await db.Periods.ToListAsync());
        Assert.Empty(await db.Absences.ToListAsync());
    }
}
