using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.People;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// A check-in request of the REST API (or a tool): a resend answered from its Idempotency-Key, consent and the name
/// policy before any analysis, then every still analysed in one recognition slot taken within the request's deadline,
/// then <see cref="FaceCheckIn"/>.
/// </summary>
public sealed class ApiCheckIn(
    CheckInWriter writer,
    StillAnalyzer analyzer,
    RecognitionGate gate,
    FaceCheckIn faceCheckIn,
    IOptions<AttendanceOptions> options,
    TimeProvider time)
{
    public async Task<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var arrival = request.Arrival ?? Arrival.Now(time);
        var context = new CheckContext(request.Source, request.Device, arrival.Utc, request.Consent, request.ConsentVersion)
        {
            IdempotencyKey = request.IdempotencyKey,
            Fingerprint = request.IdempotencyKey is null ? null : Idempotency.Fingerprint(request.Images, request.Name, request.Consent, request.ConsentVersion),
        };
        // A resend of a request that recorded something: its outcome again, before any work; the same key with another
        // request (another image, consent=false): refused.
        if (await writer.KeptAsync(context, cancellationToken) is { } kept) return kept;
        if (request.Images.Count > CheckRequest.MaxImages) return new(CheckOutcome.TooManyImages) { FaceCount = request.Images.Count };
        // A person who said no is not processed at all: no face analysed, nothing stored (ADR 011).
        if (request.Consent == false) return new(CheckOutcome.ConsentDeclined);
        PersonName? name = null;
        if (!string.IsNullOrWhiteSpace(request.Name))
        {
            (name, var problem) = PersonName.Parse(request.Name, options.Value.MaxNameLength);
            if (name is null) return new(CheckOutcome.BadName) { NameProblem = problem };
        }
        var faces = new List<AnalyzedFace>(request.Images.Count);
        using (var slot = await gate.EnterAsync(arrival, options.Value.AnswerWithin, cancellationToken))
        {
            if (slot is null) return CheckResult.Busy(gate.RetryAfter);
            foreach (var image in request.Images)
            {
                // A check-in shows and keeps no picture: a thumbnail only for a registration (a name was sent).
                var still = await analyzer.AnalyzeAsync(slot, image, name is null ? StillSource.PhotoWithoutThumbnail : StillSource.Photo, cancellationToken);
                if (still.Face is not { } face) return CheckResult.Refused(still);
                faces.Add(face);
            }
        }
        return await faceCheckIn.CheckAsync(faces, name, context, cancellationToken);
    }
}
