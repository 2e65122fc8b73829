using AttendanceBlazor.Application.Audit;
using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Review;
using AttendanceBlazor.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace AttendanceBlazor.Cli;

/// <summary>How the evaluation's people are registered.</summary>
public enum GalleryMode
{
    /// <summary>As a kiosk registers: the still and a short burst around it (frames a little shifted, zoomed, lit), the good ones kept.</summary>
    Burst,

    /// <summary>As a device registers through the REST API: one still.</summary>
    Still,
}

/// <summary>What the evaluation saw.</summary>
public sealed record OpenSetReport(
    GalleryMode Mode,
    int People,
    int Held,
    int MemberStills,
    int MembersSure,
    int MembersDoubtful,
    int MembersUnknown,
    int MembersWrong,
    int StrangerStills,
    int StrangersSure,
    int StrangersDoubtful,
    int StrangersUnknown)
{
    public double MembersSureShare => MemberStills == 0 ? 0 : (double)MembersSure / MemberStills;
}

/// <summary>
/// Open-set identification through the real attendance service, on a folder of stills named PERSON.CONDITION (as
/// ../shared/faces-hard is): each person is registered with their `normal` still (held registrations confirmed as HR
/// would); every other still is a member's check-in; then each person in turn is erased and their stills come back
/// as a stranger's. A sure answer for a stranger is the failure this measures; a question (doubtful) is allowed.
/// </summary>
public static class OpenSetEvaluation
{
    public const string GalleryCondition = "normal";

    public static async Task<OpenSetReport> RunAsync(IServiceProvider services, string directory, GalleryMode mode, StillSource source = StillSource.Photo, CancellationToken cancellationToken = default)
    {
        var analyzer = services.GetRequiredService<StillAnalyzer>();
        var faceCheckIn = services.GetRequiredService<FaceCheckIn>();
        var time = services.GetRequiredService<TimeProvider>();
        var people = services.GetRequiredService<PeopleService>();
        var queries = services.GetRequiredService<PeopleQueries>();
        var review = services.GetRequiredService<ReviewService>();
        var actor = new Actor(null, "evaluation");
        var at = time.GetUtcNow().UtcDateTime;
        DateTime Next() => at = at.AddMinutes(10);

        var stills = Directory.EnumerateFiles(directory)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".gif" or ".jpg" or ".jpeg" or ".png")
            .Select(f => (File: f, Person: Path.GetFileName(f).Split('.')[0], Condition: Path.GetFileName(f).Split('.')[1]))
            .OrderBy(s => s.File, StringComparer.Ordinal).ToList();
        var names = stills.Select(s => s.Person).Distinct().ToList();
        string NameOf(string person) => "Person " + person;
        var held = 0;

        async Task RegisterAsync(string person)
        {
            var normal = File.ReadAllBytes(stills.Single(s => s.Person == person && s.Condition == GalleryCondition).File);
            var frames = mode == GalleryMode.Burst ? [normal, .. Burst(normal)] : new[] { normal };
            var faces = new List<AnalyzedFace>();
            foreach (var frame in frames)
            {
                if ((await analyzer.AnalyzeAsync(frame, Arrival.Now(time), source, cancellationToken)).Face is { } face && (faces.Count == 0 || RegistrationQuality.IsGood(face))) faces.Add(face);
            }
            var (name, _) = PersonName.Parse(NameOf(person), 100);
            var channel = mode == GalleryMode.Burst ? AttendanceSource.Kiosk : AttendanceSource.Api;
            var result = await faceCheckIn.CheckAsync(faces, name, new CheckContext(channel, "evaluation", Next(), true, "1"), cancellationToken);
            if (result.Outcome == CheckOutcome.Lookalike && result.ReviewItemId is { } item)
            {
                held++;
                var confirmed = await review.ConfirmAsync(item, actor, cancellationToken);
                if (!confirmed.Succeeded) throw new InvalidOperationException($"{person}: the held registration could not be confirmed: {confirmed}");
            }
            else if (result.Outcome != CheckOutcome.Registered)
            {
                throw new InvalidOperationException($"{person} could not be registered: {result.Outcome}");
            }
        }

        // A check-in as a device or a kiosk makes it: the still analysed (as a photo, or as a camera still), then decided.
        async Task<CheckResult> ProbeAsync(string file)
        {
            var still = await analyzer.AnalyzeAsync(File.ReadAllBytes(file), Arrival.Now(time), source, cancellationToken);
            if (still.Face is not { } face) return CheckResult.Refused(still);
            return await faceCheckIn.CheckAsync(face, new CheckContext(AttendanceSource.Api, "evaluation", Next()), cancellationToken);
        }

        foreach (var person in names) await RegisterAsync(person);

        int memberStills = 0, sure = 0, doubtful = 0, unknown = 0, wrong = 0;
        foreach (var (file, person, condition) in stills.Where(s => s.Condition != GalleryCondition))
        {
            memberStills++;
            var result = await ProbeAsync(file);
            switch (result.Outcome)
            {
                case CheckOutcome.CheckedIn or CheckOutcome.CheckedOut when result.Name == NameOf(person): sure++; break;
                case CheckOutcome.CheckedIn or CheckOutcome.CheckedOut: wrong++; break;
                case CheckOutcome.Doubtful or CheckOutcome.Ambiguous: doubtful++; break;
                default: unknown++; break;
            }
        }

        int strangerStills = 0, strangerSure = 0, strangerDoubtful = 0, strangerUnknown = 0;
        foreach (var person in names)
        {
            var id = (await queries.FindByNameAsync(NameOf(person), cancellationToken))!.Id;
            var erased = await people.EraseAsync(id, actor, "open-set evaluation: a stranger's turn", cancellationToken);
            if (!erased.Succeeded) throw new InvalidOperationException($"{person} could not be erased: {erased}");
            foreach (var (file, _, _) in stills.Where(s => s.Person == person))
            {
                strangerStills++;
                var result = await ProbeAsync(file);
                switch (result.Outcome)
                {
                    case CheckOutcome.CheckedIn or CheckOutcome.CheckedOut or CheckOutcome.Inactive: strangerSure++; break;
                    case CheckOutcome.Doubtful or CheckOutcome.Ambiguous: strangerDoubtful++; break;
                    default: strangerUnknown++; break;
                }
            }
            await RegisterAsync(person);
        }
        return new OpenSetReport(mode, names.Count, held, memberStills, sure, doubtful, unknown, wrong, strangerStills, strangerSure, strangerDoubtful, strangerUnknown);
    }

    /// <summary>
    /// What a kiosk's burst around a still looks like: the same face a moment later, a little shifted, closer, lit
    /// differently. Made from the still itself, as the shared sets have no bursts.
    /// </summary>
    public static IEnumerable<byte[]> Burst(byte[] still)
    {
        using var source = SKBitmap.Decode(still) ?? throw new ArgumentException("not an image", nameof(still));
        (float Dx, float Scale, float Light)[] frames = [(0.03f, 1.0f, 1.0f), (-0.02f, 1.05f, 0.92f), (0.0f, 0.96f, 1.08f)];
        foreach (var (dx, scale, light) in frames)
        {
            using var target = new SKBitmap(source.Width, source.Height);
            using var canvas = new SKCanvas(target);
            canvas.Clear(SKColors.Black);
            canvas.Translate(source.Width * dx, 0);
            canvas.Scale(scale, scale, source.Width / 2f, source.Height / 2f);
            using var paint = new SKPaint
            {
                ColorFilter = SKColorFilter.CreateColorMatrix([light, 0, 0, 0, 0, 0, light, 0, 0, 0, 0, 0, light, 0, 0, 0, 0, 0, 1, 0]),
            };
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
            canvas.Flush();
            using var data = target.Encode(SKEncodedImageFormat.Png, 100);
            yield return data.ToArray();
        }
    }
}
