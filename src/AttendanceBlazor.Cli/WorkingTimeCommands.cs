using System.CommandLine;
using System.Globalization;
using AttendanceBlazor.Application;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Records;
using AttendanceBlazor.Application.WorkingTime;
using AttendanceBlazor.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Cli;

/// <summary>
/// Working time from the command line, through the services the pages use: people before their first day, schedules,
/// balances, days off, absences, timesheets, added records, approving and reopening months, the payroll export.
/// </summary>
public static class WorkingTimeCommands
{
    public static IEnumerable<Command> Create(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        yield return Holiday(console, services);
        yield return Absence(console, services);
        yield return TimesheetCommand(console, services);
        yield return Record(console, services);
        yield return Period(console, services);
        yield return Export(console, services);
    }

    /// <summary>The verbs `person add`, `person schedule` and `person balance`.</summary>
    public static IEnumerable<Command> PersonVerbs(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var addName = new Argument<string>("NAME") { Description = "the person's name" };
        var firstDay = new Option<string>("--first-day") { Description = "their first day (YYYY-MM-DD); days before it expect no hours" };
        var add = new Command("add", "adds a person before their first day, with no face yet (HR adds it on the People page, or confirms their kiosk registration)") { addName, firstDay };
        add.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var day = parse.GetValue(firstDay) is { } text ? ParseDay(text, "--first-day") : (DateOnly?)null;
            var done = Check(await sp.GetRequiredService<WorkingTimeService>().AddPersonAsync(parse.GetValue(addName), day, Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"{done.Name} added{(day is { } d ? $", first day {Day(d)}" : "")}");
            return 0;
        });
        yield return add;

        var name = new Argument<string>("NAME") { Description = "the person, by name" };
        var hours = new Option<string>("--hours") { Description = "hours for each weekday from Monday, such as 8,8,8,8,6,0,0; 'default' takes the Settings' again", Required = true };
        var start = new Option<string>("--start") { Description = "when their day starts (HH:mm)" };
        var grace = new Option<string>("--grace") { Description = "a first check-in up to this after the start is not late (HH:mm, such as 00:10)" };
        var schedule = new Command("schedule", "sets a person's own weekly schedule over the default") { name, hours, start, grace };
        schedule.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var person = await FindAsync(sp, parse.GetValue(name)!, ct);
            var h = parse.GetValue(hours)!;
            var done = Check(await sp.GetRequiredService<WorkingTimeService>().SetScheduleAsync(person.Id, h.Equals("default", StringComparison.OrdinalIgnoreCase) ? null : h,
                parse.GetValue(start) is { } s ? ParseClock(s, "--start") : null, parse.GetValue(grace) is { } g ? ParseClock(g, "--grace") : null, Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"schedule of {done.Name} set");
            return 0;
        });
        yield return schedule;

        var balanceName = new Argument<string>("NAME") { Description = "the person, by name" };
        var minutes = new Option<int>("--opening-minutes") { Description = "the balance brought from another system, in minutes (negative: hours owed)", Required = true };
        var from = new Option<string>("--from") { Description = "the first month it counts in (YYYY-MM)", Required = true };
        var balance = new Command("balance", "sets a person's opening balance") { balanceName, minutes, from };
        balance.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var person = await FindAsync(sp, parse.GetValue(balanceName)!, ct);
            var month = ParseMonth(parse.GetValue(from)!, "--from");
            var done = Check(await sp.GetRequiredService<WorkingTimeService>().SetOpeningBalanceAsync(person.Id, parse.GetValue(minutes), month, Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"opening balance of {done.Name} set from {Timesheet.MonthText(month)}");
            return 0;
        });
        yield return balance;
    }

    private static Command Holiday(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var date = new Argument<string>("DATE") { Description = "the day (YYYY-MM-DD)" };
        var name = new Option<string>("--name") { Description = "what it is (Christmas Day)" };
        var add = new Command("add", "makes a day a day off for everyone: nobody is expected to work, nobody is missing") { date, name };
        add.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var day = ParseDay(parse.GetValue(date)!, "DATE");
            Check(await sp.GetRequiredService<WorkingTimeService>().AddDayOffAsync(day, parse.GetValue(name), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"{Day(day)} is a day off");
            return 0;
        });
        var list = new Command("list", "the days off: date and name, oldest first");
        list.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            foreach (var d in await sp.GetRequiredService<WorkingTimeService>().DaysOffAsync(ct)) await console.Out.WriteLineAsync($"{Day(d.Date)}\t{d.Name}");
            return 0;
        });
        var removeDate = new Argument<string>("DATE") { Description = "the day (YYYY-MM-DD)" };
        var remove = new Command("remove", "the day is a working day again") { removeDate };
        remove.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var day = ParseDay(parse.GetValue(removeDate)!, "DATE");
            Check(await sp.GetRequiredService<WorkingTimeService>().RemoveDayOffAsync(day, Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"{Day(day)} is no longer a day off");
            return 0;
        });
        return new Command("holiday", "days off for everyone (public holidays, company days)") { add, list, remove };
    }

    private static Command Absence(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var name = new Argument<string>("NAME") { Description = "the person, by name" };
        var from = new Option<string>("--from") { Description = "the first day (YYYY-MM-DD)", Required = true };
        var to = new Option<string>("--to") { Description = "the last day (YYYY-MM-DD); the first day when left out" };
        var kind = new Option<string>("--kind") { Description = "vacation, sick or other", Required = true, HelpName = "vacation|sick|other" };
        var note = new Option<string>("--note") { Description = "HR's note" };
        var add = new Command("add", "marks a person absent: each day counts its expected hours as paid absence, never as missing") { name, from, to, kind, note };
        add.SetAction(async (parse, ct) =>
        {
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            if (!Enum.TryParse<AbsenceKind>(parse.GetValue(kind), true, out var k) || !Enum.IsDefined(k) || int.TryParse(parse.GetValue(kind), out _))
            {
                throw new CliException("--kind must be vacation, sick or other", CliApp.UsageError);
            }
            var first = ParseDay(parse.GetValue(from)!, "--from");
            var last = parse.GetValue(to) is { } t ? ParseDay(t, "--to") : first;
            var person = await FindAsync(sp, parse.GetValue(name)!, ct);
            var done = Check(await sp.GetRequiredService<WorkingTimeService>().AddAbsenceAsync(person.Id, first, last, k, parse.GetValue(note), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"{done.Name}: {k.ToString().ToLowerInvariant()} from {Day(first)} to {Day(last)} ({done.Count} days)");
            return 0;
        });
        return new Command("absence", "people's absences (vacation, sick, other)") { add };
    }

    private static Command TimesheetCommand(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var name = new Argument<string>("NAME") { Description = "the person, by name" };
        var month = new Option<string>("--month") { Description = "the month (YYYY-MM)", Required = true };
        var json = new Option<bool>("--json") { Description = "print the timesheet as JSON (for scripts)" };
        var command = new Command("timesheet", "a person's month: each day's first check-in, last check-out, worked, breaks, paid, absence and expected minutes, and flags") { name, month, json };
        command.SetAction(async (parse, ct) =>
        {
            var m = ParseMonth(parse.GetValue(month)!, "--month");
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var view = await sp.GetRequiredService<TimesheetService>().OfNamedAsync(parse.GetValue(name)!, m, ct)
                ?? throw new CliException($"nobody named '{parse.GetValue(name)}' is registered");
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(view.Sheet.ToJson());
                return 0;
            }
            await console.Out.WriteLineAsync($"{view.Sheet.Name}, {view.Sheet.Month} ({view.Sheet.State})");
            await console.Out.WriteLineAsync("date\tin\tout\tworked\tbreaks\tdeducted\tpaid\tabsence\texpected\tflags");
            foreach (var d in view.Sheet.Days)
            {
                await console.Out.WriteLineAsync(string.Join('\t', d.Date, d.FirstIn ?? "", d.LastOut ?? "", Hm(d.WorkedMinutes), Hm(d.BreakMinutes), Hm(d.DeductedMinutes),
                    Hm(d.PaidMinutes), Hm(d.AbsenceMinutes), Hm(d.ExpectedMinutes), string.Join(',', d.Flags)));
            }
            var t = view.Sheet.Totals;
            await console.Out.WriteLineAsync($"total\t\t\t{Hm(t.WorkedMinutes)}\t\t\t{Hm(t.PaidMinutes)}\t{Hm(t.AbsenceMinutes)}\t{Hm(t.ExpectedMinutes)}\tbalance {Hm(t.BalanceMinutes)}, carried {Hm(view.CarriedMinutes)}, running {Hm(view.RunningMinutes)}");
            return 0;
        });
        return command;
    }

    private static Command Record(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var name = new Argument<string>("NAME") { Description = "the person, by name" };
        var checkIn = new Option<string>("--in") { Description = "the check-in, local time (\"2026-11-03 08:00\")", Required = true };
        var checkOut = new Option<string>("--out") { Description = "the check-out, local time; left out: still open" };
        var reason = new Option<string>("--reason") { Description = "why (kept in the audit log)", Required = true };
        var add = new Command("add", "adds a record the person missed, as HR's \"Add missed record\" does") { name, checkIn, checkOut, reason };
        add.SetAction(async (parse, ct) =>
        {
            var @in = ParseWhen(parse.GetValue(checkIn)!, "--in");
            var @out = parse.GetValue(checkOut) is { } o ? ParseWhen(o, "--out") : (DateTime?)null;
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var person = await FindAsync(sp, parse.GetValue(name)!, ct);
            var done = Check(await sp.GetRequiredService<RecordsService>().AddAsync(person.Id, @in, @out, parse.GetValue(reason), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"record added for {done.Name}");
            return 0;
        });
        return new Command("record", "attendance records") { add };
    }

    private static Command Period(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var month = new Argument<string>("MONTH") { Description = "the month (YYYY-MM)" };
        var name = new Option<string>("--name") { Description = "one person; left out: everyone in the month's list" };
        var approve = new Command("approve", "approves an ended month and locks it: its figures are stored as they are now") { month, name };
        approve.SetAction(async (parse, ct) =>
        {
            var m = ParseMonth(parse.GetValue(month)!, "MONTH");
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            int? id = parse.GetValue(name) is { } n ? (await FindAsync(sp, n, ct)).Id : null;
            var done = Check(await sp.GetRequiredService<PeriodService>().ApproveAsync(m, id, Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"{Timesheet.MonthText(m)} approved for {(done.Name ?? (done.Count == 1 ? "1 person" : $"{done.Count} people"))}");
            return 0;
        });
        var reopenMonth = new Argument<string>("MONTH") { Description = "the month (YYYY-MM)" };
        var reopenName = new Option<string>("--name") { Description = "the person", Required = true };
        var reason = new Option<string>("--reason") { Description = "why (kept in the audit log)", Required = true };
        var reopen = new Command("reopen", "unlocks an approved month of one person") { reopenMonth, reopenName, reason };
        reopen.SetAction(async (parse, ct) =>
        {
            var m = ParseMonth(parse.GetValue(reopenMonth)!, "MONTH");
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var person = await FindAsync(sp, parse.GetValue(reopenName)!, ct);
            var done = Check(await sp.GetRequiredService<PeriodService>().ReopenAsync(m, person.Id, parse.GetValue(reason), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"{Timesheet.MonthText(m)} of {done.Name} reopened");
            return 0;
        });
        return new Command("period", "approving and reopening months") { approve, reopen };
    }

    private static Command Export(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var month = new Option<string>("--month") { Description = "the month (YYYY-MM)", Required = true };
        var format = new Option<string>("--format") { Description = "csv or xlsx", DefaultValueFactory = _ => "csv", HelpName = "csv|xlsx" };
        var output = new Option<string>("--out") { Description = "the file to write", Required = true };
        var payroll = new Command("payroll", "one row per person: paid, absence, expected and balance hours, days worked, late and missing days, the month's state") { month, format, output };
        payroll.SetAction(async (parse, ct) =>
        {
            var m = ParseMonth(parse.GetValue(month)!, "--month");
            var f = parse.GetValue(format)!.ToLowerInvariant() switch
            {
                "csv" => PayrollFormat.Csv,
                "xlsx" => PayrollFormat.Xlsx,
                _ => throw new CliException("--format must be csv or xlsx", CliApp.UsageError),
            };
            var sp = await AdminCommands.PreparedAsync(parse, services, ct);
            var path = parse.GetValue(output)!;
            // Written beside the target and moved into place, so a failed export leaves no half file.
            var temporary = path + ".partial";
            int rows;
            try
            {
                await using (var file = File.Create(temporary)) rows = await sp.GetRequiredService<PayrollExport>().WriteAsync(m, f, file, ct);
                File.Move(temporary, path, overwrite: true);
            }
            catch (IOException ex)
            {
                File.Delete(temporary);
                throw new CliException($"cannot write {path}: {ex.Message}");
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new CliException($"cannot write {path}: {ex.Message}");
            }
            await sp.GetRequiredService<AccessAudit>().ExportedAsync(Actor.CommandLine(), AuditEntities.Period, Timesheet.MonthText(m), AuditActions.ExportPayroll,
                new { month = Timesheet.MonthText(m), format = f.ToString().ToLowerInvariant(), rows }, ct);
            await console.Out.WriteLineAsync($"{rows} people written to {path}");
            return 0;
        });
        return new Command("export", "exports for other systems") { payroll };
    }

    private static async Task<PersonChoice> FindAsync(IServiceProvider sp, string name, CancellationToken ct) =>
        await sp.GetRequiredService<PeopleQueries>().FindByNameAsync(name, ct) ?? throw new CliException($"nobody named '{name}' is registered");

    private static OperationResult Check(OperationResult result) => result.Succeeded ? result : throw new CliException(CliText.Describe(result));

    private static DateOnly ParseDay(string text, string what) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new CliException($"{what} must be a date such as 2026-11-03", CliApp.UsageError);

    private static DateOnly ParseMonth(string text, string what) =>
        Timesheet.TryParseMonth(text, out var m) ? m : throw new CliException($"{what} must be a month such as 2026-11", CliApp.UsageError);

    private static DateTime ParseWhen(string text, string what) =>
        DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
            : throw new CliException($"{what} must be a local time such as \"2026-11-03 08:00\"", CliApp.UsageError);

    private static TimeSpan ParseClock(string text, string what) =>
        TimeSpan.TryParseExact(text.Trim(), [@"hh\:mm", @"h\:mm"], CultureInfo.InvariantCulture, out var t) && t < TimeSpan.FromDays(1) ? t
            : throw new CliException($"{what} must be a time such as 08:30", CliApp.UsageError);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Hm(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{(minutes < 0 ? "-" : "")}{Math.Abs(minutes) / 60}:{Math.Abs(minutes) % 60:00}");
}
