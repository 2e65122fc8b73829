using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// A check-in by face (kiosk, REST API): decides on analysed faces of one person and writes. A face known for sure
/// checks in or out (and must match the name, when one is given). A face in doubt is answered as doubtful without a
/// name; with a name (someone registering) it goes to <see cref="Registration"/>, which holds it for HR. An unknown
/// face with a name is registered; without one it is answered as unknown.
/// </summary>
public sealed class FaceCheckIn(CheckInWriter writer, FaceDecider decider, Registration registration, AttendanceSettings settingsProvider, IDbContextFactory<AttendanceDbContext> dbFactory)
{
    /// <summary>A face that came alone (the kiosk's capture).</summary>
    public Task<CheckResult> CheckAsync(AnalyzedFace face, CheckContext context, CancellationToken cancellationToken = default) =>
        CheckAsync([face], null, context, cancellationToken);

    public async Task<CheckResult> CheckAsync(IReadOnlyList<AnalyzedFace> faces, PersonName? name, CheckContext context, CancellationToken cancellationToken = default)
    {
        if (faces.Count == 0) return new(CheckOutcome.NoFace);
        var settings = await settingsProvider.GetAsync(cancellationToken);
        if (!FaceDecider.SamePerson(faces, settings.MatchThreshold)) return new(CheckOutcome.DifferentPeople) { FaceCount = faces.Count };
        var decision = decider.Decide(FaceDecider.Mean(faces), settings);
        var result = decision.Kind switch
        {
            DecisionKind.Ambiguous => new CheckResult(CheckOutcome.Ambiguous),
            DecisionKind.Doubtful when name is null => new CheckResult(CheckOutcome.Doubtful) { Doubt = await DoubtAsync(decision, cancellationToken) },
            DecisionKind.Sure => await writer.WriteAsync(context, step => KnownAsync(step, decision, name), settings, cancellationToken),
            _ when name is null => new CheckResult(CheckOutcome.UnknownFace),
            _ => await registration.RegisterAsync(faces, name, context, cancellationToken),
        };
        return result with { FaceJpeg = faces[0].Thumbnail };
    }

    /// <summary>The face is <paramref name="decision"/>'s person for sure: in or out, unless they are inactive or another name was sent.</summary>
    internal static async Task<CheckResult> KnownAsync(WriteStep step, Decision decision, PersonName? name)
    {
        var person = await step.PersonAsync(decision.PersonId);
        if (person is null || !person.IsActive) return new(CheckOutcome.Inactive) { Name = person?.DisplayName, PersonId = person?.Id };
        // Nobody checks in under another person's name.
        if (name is not null && name.Normalized != person.NormalizedName) return new(CheckOutcome.FaceBelongsToSomeoneElse) { Name = name.Display };
        return await step.ToggleAsync(person, decision.Distance);
    }

    /// <summary>Whom the face was close to, and what the kiosk may call them: the short form or HR's kiosk name, never a face.</summary>
    private async Task<DoubtfulMatch> DoubtAsync(Decision decision, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.Where(p => p.Id == decision.PersonId).Select(p => new { p.DisplayName, p.KioskName }).SingleOrDefaultAsync(cancellationToken);
        var name = person?.KioskName is { Length: > 0 } kiosk ? kiosk : PersonName.KioskForm(person?.DisplayName ?? "");
        return new DoubtfulMatch(decision.PersonId, name, decision.Distance);
    }
}
