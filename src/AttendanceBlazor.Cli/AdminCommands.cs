using System.CommandLine;
using System.Globalization;
using AttendanceBlazor.Application;
using AttendanceBlazor.Application.Accounts;
using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.Devices;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Data;
using AttendanceBlazor.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceBlazor.Cli;

/// <summary>
/// Devices, accounts and people, on the database the web app uses, through the same services as its pages: the same
/// rules, and the same audit entries, made by "cli:" and the operating system's user name.
/// </summary>
public static class AdminCommands
{
    public const string AdminPasswordVariable = "ATTENDANCE_ADMIN_PASSWORD";
    public const string UserPasswordVariable = "ATTENDANCE_USER_PASSWORD";

    public static IEnumerable<Command> Create(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        yield return Device(console, services);
        yield return Admin(console, services);
        yield return User(console, services);
        yield return Person(console, services);
        yield return Review(console, services);
        yield return Evaluate(console, services);
        yield return BenchLiveness(console, services);
    }

    private static Command BenchLiveness(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var folder = new Argument<string>("DIR") { Description = "a sequence of frames (../shared/faces-pose/person-a/turn-right-then-left)" };
        var turn = new Option<Application.Liveness.HeadTurn>("--turn") { Description = "the turn the sequence's first turn is (Left or Right)", DefaultValueFactory = _ => Application.Liveness.HeadTurn.Right };
        var runs = new Option<int>("--runs") { Description = "check-ins to time each way", DefaultValueFactory = _ => 20 };
        var bench = new Command("bench-liveness", "what a step of the liveness challenge costs against a still: the kiosk's frames (480 px at 6 a second for 3 s) followed from a 1280 px still, against that still alone") { folder, turn, runs };
        bench.SetAction(async (parse, ct) =>
        {
            var files = Directory.Exists(parse.GetValue(folder)) ? Directory.GetFiles(parse.GetValue(folder)!, "*.jpg").Order(StringComparer.Ordinal).ToList() : [];
            if (files.Count < 8) throw new CliException($"no sequence of frames in {parse.GetValue(folder)}", CliApp.UsageError);
            var sp = await PreparedAsync(parse, services, ct);
            var liveness = sp.GetRequiredService<Application.Liveness.LivenessService>();
            var analyzer = sp.GetRequiredService<Application.Faces.StillAnalyzer>();
            var still = LivenessBench.Resize(File.ReadAllBytes(files[0]), 1280);
            // The sequence's frames at the kiosk's 6 a second (its own rate is 12.5), a 3 s step of them.
            var frames = files.Skip(1).Where((_, i) => i % 2 == 0).Take(19).Select(f => (ReadOnlyMemory<byte>)LivenessBench.Resize(File.ReadAllBytes(f), 480)).ToList();
            var asked = parse.GetValue(turn);
            var stills = new List<double>();
            var steps = new List<double>();
            for (var i = 0; i < parse.GetValue(runs) + 2; i++)
            {
                var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                var analyzed = await analyzer.AnalyzeAsync(still, ct);
                var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
                var face = analyzed.Face ?? throw new CliException($"no face in {files[0]}: {analyzed.Problem}");
                var verdict = liveness.Follow(asked, frames, face.Landmarks, face.StillSize, ct);
                var t2 = System.Diagnostics.Stopwatch.GetTimestamp();
                if (!verdict.Passed) throw new CliException($"the sequence did not pass a turn to the {asked}: {verdict.Failure}");
                if (i < 2) continue; // warm-up
                stills.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                steps.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            }
            double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"still alone: median {Median(stills):0.0} ms; a step of {frames.Count} frames: median {Median(steps):0.0} ms ({Median(steps) / Median(stills):0.00} times the still), {Environment.ProcessorCount} cores"));
            return 0;
        });
        return bench;
    }

    private static Command Review(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var list = new Command("list", "what waits on HR's review list: id, when (UTC), what, the face it is close to, the distance");
        list.SetAction(async (parse, ct) =>
        {
            var sp = await PreparedAsync(parse, services, ct);
            foreach (var r in await sp.GetRequiredService<Application.Review.ReviewService>().OpenAsync(ct))
            {
                await console.Out.WriteLineAsync(string.Join('\t', r.ItemId?.ToString(CultureInfo.InvariantCulture) ?? $"record {r.RecordId}", Utc(r.AtUtc),
                    r.Kind?.ToString() ?? "AutoClosed", r.PendingName ?? "", r.CandidateName ?? "", r.Distance?.ToString("0.000", CultureInfo.InvariantCulture) ?? ""));
            }
            return 0;
        });
        var id = new Argument<long>("ID") { Description = "the review item, as `review list` shows it" };
        var confirm = new Command("confirm", "agrees with the item: registers a held registration, records a declined match for its candidate, or acknowledges") { id };
        confirm.SetAction(async (parse, ct) =>
        {
            var sp = await PreparedAsync(parse, services, ct);
            var done = Check(await sp.GetRequiredService<Application.Review.ReviewService>().ConfirmAsync(parse.GetValue(id), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"review item {parse.GetValue(id)} confirmed{(done.Name is null ? "" : $": {done.Name}")}");
            return 0;
        });
        var rejectId = new Argument<long>("ID") { Description = "the review item, as `review list` shows it" };
        var reject = new Command("reject", "disagrees with the item: discards a held registration (its face erased), undoes a confirmed doubtful match, or dismisses") { rejectId };
        reject.SetAction(async (parse, ct) =>
        {
            var sp = await PreparedAsync(parse, services, ct);
            Check(await sp.GetRequiredService<Application.Review.ReviewService>().RejectAsync(parse.GetValue(rejectId), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"review item {parse.GetValue(rejectId)} rejected");
            return 0;
        });
        return new Command("review", "HR's review list, for scripts") { list, confirm, reject };
    }

    private static Command Evaluate(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var folder = new Argument<string>("DIR") { Description = "stills named PERSON.CONDITION, with a `normal` one per person (../shared/faces-hard)" };
        var gallery = new Option<GalleryMode>("--gallery") { Description = "burst: as a kiosk registers (a still and its burst); still: as a device registers (one still)", DefaultValueFactory = _ => GalleryMode.Burst };
        var evaluate = new Command("evaluate", "open-set identification through the attendance service, on a fresh database: members found for sure, strangers taken for someone") { folder, gallery };
        evaluate.SetAction(async (parse, ct) =>
        {
            if (!Directory.Exists(parse.GetValue(folder))) throw new CliException($"no folder {parse.GetValue(folder)}", CliApp.UsageError);
            var sp = services(parse);
            await sp.GetRequiredService<Application.ApplicationStartup>().RunAsync(ct);
            // With --detector camera the stills are camera stills (the kiosk's detector), else photos (the SSD).
            var source = sp.GetRequiredService<Recognition.Pipeline.FaceEngine>().HasCameraDetector ? Application.Faces.StillSource.Camera : Application.Faces.StillSource.Photo;
            var r = await OpenSetEvaluation.RunAsync(sp, parse.GetValue(folder)!, parse.GetValue(gallery), source, ct);
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"gallery: {r.Mode.ToString().ToLowerInvariant()}, {r.People} people, {r.Held} held as lookalikes and confirmed"));
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"members: {r.MemberStills} stills: {r.MembersSure} sure ({r.MembersSureShare:P1}), {r.MembersDoubtful} asked, {r.MembersUnknown} unknown, {r.MembersWrong} taken for someone else"));
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"strangers: {r.StrangerStills} stills: {r.StrangersSure} taken for someone for sure, {r.StrangersDoubtful} asked, {r.StrangersUnknown} unknown"));
            return r.StrangersSure == 0 ? 0 : CliApp.Refused;
        });
        return evaluate;
    }

    private static Command Device(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var name = new Argument<string>("NAME") { Description = "the device's name, as the audit log and the Devices page show it" };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "check-in, read-attendance, read-timesheets (payroll) or all; repeat for several (default: check-in and read-attendance)",
            HelpName = "SCOPE",
        };
        var kiosk = new Option<bool>("--kiosk") { Description = "a kiosk paired by a one-time code (typed at /kiosk/pair within 10 minutes) instead of an API key" };
        var add = new Command("add", "creates a device API key, or with --kiosk a kiosk's pairing code; the key or code alone is the last line of stdout") { name, scopes, kiosk };
        add.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(kiosk))
            {
                if ((parse.GetValue(scopes) ?? []).Length > 0) throw new CliException("--scope applies to API keys, not to kiosks", CliApp.UsageError);
                var kioskServices = await PreparedAsync(parse, services, ct);
                var paired = Check(await kioskServices.GetRequiredService<DeviceService>().CreateKioskAsync(parse.GetValue(name), Actor.CommandLine(), ct));
                await console.Out.WriteLineAsync($"kiosk '{paired.Name}' created; on its tablet open /kiosk/pair within {DeviceService.PairingCodeLifetime.TotalMinutes:0} minutes and type this code (it works once):");
                await console.Out.WriteLineAsync(paired.Secret);
                return 0;
            }
            DeviceScopes parsed;
            try
            {
                var requested = parse.GetValue(scopes) ?? [];
                parsed = requested.Length == 0 ? DeviceScopes.CheckIn | DeviceScopes.ReadAttendance : DeviceKeys.ParseScopes(requested.SelectMany(s => s.Split(',')));
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message, CliApp.UsageError);
            }
            var sp = await PreparedAsync(parse, services, ct);
            var created = Check(await sp.GetRequiredService<DeviceService>().CreateAsync(parse.GetValue(name), parsed, Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"device '{created.Name}' created with scopes {DeviceKeys.FormatScopes(parsed)}; the key is shown once, store it now:");
            await console.Out.WriteLineAsync(created.Secret);
            return 0;
        });

        var list = new Command("list", "devices, scopes, state, last seen");
        list.SetAction(async (parse, ct) =>
        {
            var sp = await PreparedAsync(parse, services, ct);
            foreach (var d in await sp.GetRequiredService<DeviceService>().ListAsync(ct))
            {
                await console.Out.WriteLineAsync(string.Join('\t', d.Name, d.Kind == DeviceKind.Kiosk ? "kiosk" : DeviceKeys.FormatScopes(d.Scopes), d.Enabled ? "enabled" : "revoked",
                    $"created {Utc(d.CreatedUtc)}", $"last seen {(d.LastSeenUtc is { } s ? Utc(s) : "never")}"));
            }
            return 0;
        });

        var revokeName = new Argument<string>("NAME") { Description = "the device to revoke" };
        var revoke = new Command("revoke", "disables a device's key at once") { revokeName };
        revoke.SetAction(async (parse, ct) =>
        {
            var sp = await PreparedAsync(parse, services, ct);
            var result = await sp.GetRequiredService<DeviceService>().RevokeAsync(parse.GetValue(revokeName)!, Actor.CommandLine(), ct);
            var revoked = Check(result.Outcome == Outcome.DeviceNotFound ? result with { Name = parse.GetValue(revokeName) } : result);
            await console.Out.WriteLineAsync($"device '{revoked.Name}' revoked");
            return 0;
        });
        return new Command("device", "device API keys for kiosks and integrations") { add, list, revoke };
    }

    private static Command Admin(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var email = new Option<string>("--email") { Description = "the administrator's email, used to sign in", Required = true, HelpName = "EMAIL" };
        var create = new Command("create", $"creates an administrator; the password comes from ${AdminPasswordVariable} or, if unset, standard input") { email };
        create.SetAction(async (parse, ct) =>
        {
            var password = await PasswordAsync(console, AdminPasswordVariable);
            var sp = await PreparedAsync(parse, services, ct);
            var accounts = sp.GetRequiredService<AccountService>();
            var created = Check(await accounts.CreateAsync(parse.GetValue(email), password, [Roles.Admin], Actor.CommandLine(), ct));
            // The way in when the identity provider is down: single sign-on never links or changes this account.
            await accounts.MarkLocalAdminAsync(created.CreatedId!);
            await console.Out.WriteLineAsync($"administrator {created.Name} created");
            return 0;
        });
        return new Command("admin", "the first (or another) administrator, without a browser") { create };
    }

    private static Command User(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var email = new Option<string>("--email") { Description = "the account's email, used to sign in", Required = true, HelpName = "EMAIL" };
        var role = new Option<string>("--role") { Description = string.Join("|", Roles.All), Required = true, HelpName = "ROLE" };
        role.Validators.Add(r =>
        {
            if (RoleNamed(r.GetValueOrDefault<string>()) is null) r.AddError($"--role must be one of {string.Join(", ", Roles.All)}");
        });
        var person = new Option<string>("--person") { Description = "the person whose own records the account may see (/me)", HelpName = "NAME" };
        var add = new Command("add", $"creates an account; the password comes from ${UserPasswordVariable} or, if unset, standard input") { email, role, person };
        add.SetAction(async (parse, ct) =>
        {
            var password = await PasswordAsync(console, UserPasswordVariable);
            var sp = await PreparedAsync(parse, services, ct);
            PersonChoice? linked = null;
            if (parse.GetValue(person) is { } personName)
            {
                linked = await sp.GetRequiredService<PeopleQueries>().FindByNameAsync(personName, ct) ?? throw new CliException($"nobody named '{personName}' is registered");
            }
            var accounts = sp.GetRequiredService<AccountService>();
            var created = Check(await accounts.CreateAsync(parse.GetValue(email), password, [RoleNamed(parse.GetValue(role))!], Actor.CommandLine(), ct));
            if (linked is not null) Check(await accounts.LinkPersonAsync(created.CreatedId!, linked.Id, Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"account {created.Name} created with role {RoleNamed(parse.GetValue(role))}" + (linked is null ? "" : $", linked to {linked.Name}"));
            return 0;
        });

        var list = new Command("list", "accounts: email, roles, state, linked person");
        list.SetAction(async (parse, ct) =>
        {
            var sp = await PreparedAsync(parse, services, ct);
            foreach (var u in await sp.GetRequiredService<AccountService>().ListAsync(ct))
            {
                var state = u.Disabled ? "disabled" : u.LockedOut ? "locked out" : "active";
                await console.Out.WriteLineAsync(string.Join('\t', u.Email, u.Roles.Count == 0 ? "(no role)" : string.Join(",", u.Roles), state, u.PersonName ?? ""));
            }
            return 0;
        });

        var target = new Argument<string>("EMAIL") { Description = "the account" };
        var disable = new Command("disable", "the account can no longer sign in, and its sessions end; never the last Admin") { target };
        disable.SetAction((parse, ct) => SetDisabledAsync(parse, parse.GetValue(target)!, true, console, services, ct));
        var enableTarget = new Argument<string>("EMAIL") { Description = "the account" };
        var enable = new Command("enable", "a disabled account can sign in again") { enableTarget };
        enable.SetAction((parse, ct) => SetDisabledAsync(parse, parse.GetValue(enableTarget)!, false, console, services, ct));
        var linkEmail = new Argument<string>("EMAIL") { Description = "the account" };
        var subject = new Option<string>("--subject") { Description = "the person's subject at the provider (the reference the sign-in page showed them, or the log's \"refused for subject\"; for Entra ID not the object id)", Required = true };
        var linkSso = new Command("link-sso", "links an account to the identity provider's subject, for providers that do not confirm e-mail addresses (Entra ID)") { linkEmail, subject };
        linkSso.SetAction(async (parse, ct) =>
        {
            var sp = await PreparedAsync(parse, services, ct);
            var done = Check(await sp.GetRequiredService<SingleSignOn>().LinkSubjectAsync(parse.GetValue(linkEmail), parse.GetValue(subject), Actor.CommandLine(), ct));
            await console.Out.WriteLineAsync($"{done.Name} is linked to the subject {parse.GetValue(subject)}; their local password goes at their first single sign-on");
            return 0;
        });
        return new Command("user", "sign-in accounts and their roles") { add, list, disable, enable, linkSso };
    }

    private static async Task<int> SetDisabledAsync(ParseResult parse, string email, bool disabled, CliConsole console, Func<ParseResult, IServiceProvider> services, CancellationToken ct)
    {
        var sp = await PreparedAsync(parse, services, ct);
        var accounts = sp.GetRequiredService<AccountService>();
        var id = await accounts.FindIdByEmailAsync(email, ct) ?? throw new CliException($"no account with the email {email}");
        var done = Check(await accounts.SetDisabledAsync(id, disabled, Actor.CommandLine(), ct));
        await console.Out.WriteLineAsync($"{done.Name} {(disabled ? "disabled" : "enabled")}");
        return 0;
    }

    private static Command Person(CliConsole console, Func<ParseResult, IServiceProvider> services)
    {
        var list = new Command("list", "registered people: name, state, face samples, records, PIN, account");
        list.SetAction(async (parse, ct) =>
        {
            var sp = await PreparedAsync(parse, services, ct);
            foreach (var p in await sp.GetRequiredService<PeopleQueries>().ListAsync(ct))
            {
                await console.Out.WriteLineAsync(string.Join('\t', p.Name, p.Active ? (p.IsIn ? "in" : "active") : "inactive",
                    $"{p.Templates} face samples", $"{p.Records} records", p.HasPin ? "PIN" : "no PIN", p.Account ?? "", p.Templates > 0 && !p.ConsentRecorded ? "consent not recorded" : ""));
            }
            return 0;
        });

        var name = new Argument<string>("NAME") { Description = "the person, by name" };
        var yes = new Option<bool>("--yes") { Description = "do not ask for confirmation (for scripts)" };
        var reason = new Option<string>("--reason") { Description = "kept in the audit log", DefaultValueFactory = _ => "erasure request (command line)" };
        var erase = new Command("erase", "erases a person as the People page does: face data deleted, records deleted or kept anonymized as configured") { name, yes, reason };
        erase.SetAction(async (parse, ct) =>
        {
            var sp = await PreparedAsync(parse, services, ct);
            var person = await sp.GetRequiredService<PeopleQueries>().FindByNameAsync(parse.GetValue(name)!, ct)
                ?? throw new CliException($"nobody named '{parse.GetValue(name)}' is registered");
            if (!parse.GetValue(yes))
            {
                await console.Error.WriteAsync($"Erase {person.Name} and their face data for good? Type the name to confirm: ");
                var typed = (await console.In.ReadLineAsync(ct))?.Trim();
                if (!string.Equals(typed, person.Name, StringComparison.CurrentCultureIgnoreCase)) throw new CliException("not confirmed; nothing was erased");
            }
            var erased = Check(await sp.GetRequiredService<PeopleService>().EraseAsync(person.Id, Actor.CommandLine(), parse.GetValue(reason), ct));
            await console.Out.WriteLineAsync(erased.Count > 0
                ? $"{erased.Name} erased; {erased.Count} attendance records kept anonymized"
                : $"{erased.Name} erased");
            return 0;
        });
        var person = new Command("person", "registered people") { list, erase };
        foreach (var verb in WorkingTimeCommands.PersonVerbs(console, services)) person.Subcommands.Add(verb);
        return person;
    }

    /// <summary>The services, with the database migrated and its roles in place.</summary>
    internal static async Task<IServiceProvider> PreparedAsync(ParseResult parse, Func<ParseResult, IServiceProvider> services, CancellationToken ct)
    {
        var sp = services(parse);
        await sp.GetRequiredService<ApplicationStartup>().PrepareDatabaseAsync(ct);
        return sp;
    }

    private static OperationResult Check(OperationResult result) =>
        result.Succeeded ? result : throw new CliException(CliText.Describe(result));

    private static string? RoleNamed(string? name) => Roles.All.FirstOrDefault(r => r.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static async Task<string> PasswordAsync(CliConsole console, string variable)
    {
        var password = console.Environment(variable);
        if (string.IsNullOrEmpty(password) && !console.Interactive) password = (await console.In.ReadLineAsync())?.Trim();
        return string.IsNullOrEmpty(password)
            ? throw new CliException($"no password: set {variable} or pipe it on standard input", CliApp.UsageError)
            : password;
    }

    private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z";
}
