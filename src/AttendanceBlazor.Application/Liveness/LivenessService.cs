using System.Collections.Concurrent;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Matching;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// Liveness at the camera: the server chooses a challenge at random and binds it to a one-time nonce; the kiosk
/// answers with a burst of frames; the first frame is analysed in full (it is the check-in's still), and the face is
/// then followed through the others by its landmarks alone (no detector: a burst costs little more than one still),
/// and the challenge is judged on them. A nonce counts once and expires, so a recorded answer cannot be replayed. No
/// frame is kept.
/// </summary>
public sealed class LivenessService(
    StillAnalyzer analyzer,
    RecognitionGate gate,
    AttendanceSettings settingsProvider,
    IOptions<AttendanceOptions> options,
    ILivenessRandom random,
    TimeProvider time,
    ILogger<LivenessService> logger)
{
    /// <summary>Frames a burst needs after the first, to judge a movement.</summary>
    public const int MinFrames = 6;

    /// <summary>How far the face may move between two frames, as a share of its width, before it counts as lost.</summary>
    public const double MaxJump = 0.5;

    private readonly ConcurrentDictionary<string, LivenessChallenge> _open = new();

    public bool Enabled => options.Value.Liveness == LivenessMode.Challenge;

    /// <summary>A new challenge, chosen at random among Attendance:LivenessChallenges.</summary>
    public LivenessChallenge Issue()
    {
        Sweep();
        var kinds = options.Value.OfferedChallenges;
        var now = time.GetUtcNow().UtcDateTime;
        var challenge = new LivenessChallenge(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            kinds[random.Next(kinds.Length)], now, now + options.Value.LivenessTimeout);
        _open[challenge.Nonce] = challenge;
        return challenge;
    }

    /// <summary>
    /// Judges a burst against the challenge of <paramref name="nonce"/>, which is used up whatever the verdict. The
    /// burst must be answered within Attendance:ChallengeAnswerWithin of <paramref name="tryStarted"/> (the challenge
    /// shown); a queue that would not let it through in time answers busy.
    /// </summary>
    public async Task<LivenessVerdict> VerifyAsync(string nonce, ReadOnlyMemory<byte> burst, Arrival tryStarted, CancellationToken cancellationToken = default)
    {
        if (!_open.TryRemove(nonce, out var challenge) || challenge.ExpiresUtc < time.GetUtcNow().UtcDateTime)
        {
            return new(LivenessFailure.NoChallenge, null, []);
        }
        var frames = LivenessBurst.Parse(burst);
        if (frames is null || frames.Count < MinFrames + 1) return new(LivenessFailure.BadBurst, null, []);
        // The whole burst is one analysis for the concurrency limit: the still and the frames that follow it.
        using var slot = await gate.EnterAsync(tryStarted, options.Value.ChallengeAnswerWithin, cancellationToken);
        if (slot is null) return new(LivenessFailure.NoFace, AnalyzedStill.Busy(gate.RetryAfter), []);
        var identity = await analyzer.AnalyzeAsync(slot, frames[0], StillSource.Camera, cancellationToken);
        if (identity.Face is not { } face) return new(LivenessFailure.NoFace, identity, []);
        var threshold = (await settingsProvider.GetAsync(cancellationToken)).MatchThreshold;
        var verdict = await Task.Run(() => Follow(challenge.Kind, face, frames, threshold, cancellationToken), cancellationToken);
        logger.LogInformation("Liveness {Kind}: {Failure} over {Frames} frames", challenge.Kind, verdict.Failure, frames.Count);
        return verdict with { Identity = identity };
    }

    private LivenessVerdict Follow(LivenessChallengeKind kind, AnalyzedFace face, IReadOnlyList<ReadOnlyMemory<byte>> frames, double threshold, CancellationToken cancellationToken)
    {
        var engine = analyzer.Engine;
        var points = new List<PointD[]>(frames.Count - 1);
        PointD[]? previous = null;
        RgbImage? last = null;
        var missed = 0;
        try
        {
            for (var i = 1; i < frames.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RgbImage image;
                try
                {
                    image = ImageDecoder.Decode(frames[i].Span, engine.Limits);
                }
                catch (ImageDecodeException)
                {
                    return new(LivenessFailure.BadBurst, null, []);
                }
                // The first small frame starts from the still's landmarks, scaled to its size.
                previous ??= Scale(face.Landmarks, (double)image.Width / face.StillSize.Width, (double)image.Height / face.StillSize.Height);
                // A blink moves the eyes' points by a pixel or two: every frame is placed twice for it.
                var tracked = engine.TrackLandmarks(image, previous, alwaysRefine: kind == LivenessChallengeKind.Blink);
                if (!Plausible(previous, tracked))
                {
                    // Lost (a turn near profile, where the landmark net's points fall apart): find the face again in this
                    // frame. Rare in a burst, and it must be the same face, not the nearest one in the picture. A frame
                    // or two without it are skipped (a real turn has them); more, and the face is gone.
                    tracked = Redetect(engine, image, previous);
                    if (tracked is null)
                    {
                        image.Dispose();
                        if (++missed > MaxMissedFrames) return new(LivenessFailure.LostFace, null, Yaws(points)) { EyeAspects = EyeAspects(points) };
                        continue;
                    }
                }
                missed = 0;
                points.Add(tracked);
                previous = tracked;
                // Each frame's pixels go back to the pool once followed; the last one stays for the end's descriptor.
                last?.Dispose();
                last = image;
            }
            if (points.Count < MinFrames) return new(LivenessFailure.LostFace, null, Yaws(points));
            var yaws = Yaws(points);
            if (!ChallengeRules.IsMet(kind, points)) return new(LivenessFailure.ChallengeNotMet, null, yaws) { EyeAspects = EyeAspects(points), Landmarks = points };
            // The same face at the end as at the start: a burst cannot swap a live head for someone's picture.
            var end = engine.Describe(last!, points[^1]);
            if (end is null || FaceIndex<int>.Distance(end, face.Descriptor) > threshold) return new(LivenessFailure.DifferentFace, null, yaws);
            return new(LivenessFailure.None, null, yaws) { EyeAspects = EyeAspects(points), Landmarks = points };
        }
        finally
        {
            last?.Dispose();
        }
    }

    private static List<double> EyeAspects(List<PointD[]> points) => points.Select(LandmarkGeometry.EyeAspect).ToList();

    /// <summary>Points that are a face where the last one was: not jumped away, not folded (yaw beyond a profile, eyes on top of each other).</summary>
    private static bool Plausible(PointD[] previous, PointD[] tracked) =>
        tracked.Length > 0
        && !Jumped(previous, tracked)
        && Math.Abs(LandmarkGeometry.Yaw(tracked) - LandmarkGeometry.Yaw(previous)) <= MaxYawStepDegrees
        && LandmarkGeometry.EyeAspect(tracked) is > MinEyeAspect and < MaxEyeAspect
        && Math.Abs(LandmarkGeometry.EyeAspect(tracked) - LandmarkGeometry.EyeAspect(previous)) <= MaxEyeAspectStep
        && Math.Abs(FaceEngine.BoxAround(tracked).Width / FaceEngine.BoxAround(previous).Width - 1) <= MaxScaleStep
        && Math.Abs(LandmarkGeometry.Yaw(tracked)) < MaxYawDegrees
        && LandmarkGeometry.EyeSpan(tracked) > MinEyeSpanShare * FaceEngine.BoxAround(tracked).Width;

    private static PointD[]? Redetect(FaceEngine engine, RgbImage image, PointD[] previous)
    {
        var box = FaceEngine.BoxAround(previous);
        var centre = LandmarkGeometry.Centre(previous);
        var faces = engine.Analyze(image, engine.DefaultDetection with { Camera = true }).Faces;
        var nearest = faces.OrderBy(f => LandmarkGeometry.Distance(LandmarkGeometry.Centre(f.Landmarks), centre)).FirstOrDefault();
        return nearest is not null && LandmarkGeometry.Distance(LandmarkGeometry.Centre(nearest.Landmarks), centre) <= box.Width
            ? nearest.Landmarks
            : null;
    }

    /// <summary>Frames in a row the face may be missing from before it counts as lost.</summary>
    private const int MaxMissedFrames = 3;

    /// <summary>A head turns by at most this between two frames of a burst (the fastest real turn: 20 degrees).</summary>
    private const double MaxYawStepDegrees = 35;

    /// <summary>Eye aspects outside these are not eyes: the points fell apart (measured: 0.23 to 0.41 on real frames).</summary>
    private const double MinEyeAspect = 0.1;
    private const double MaxEyeAspect = 0.6;

    /// <summary>Between two frames the eye aspect moves by less than this (a blink: about 0.05) and the face's size by less than this share.</summary>
    private const double MaxEyeAspectStep = 0.12;
    private const double MaxScaleStep = 0.25;

    /// <summary>Beyond this the 68-point net no longer places a face's points.</summary>
    private const double MaxYawDegrees = 75;

    /// <summary>Eyes closer together than this share of the face's width mean the points have folded.</summary>
    private const double MinEyeSpanShare = 0.2;

    private static List<double> Yaws(List<PointD[]> points) => points.Select(LandmarkGeometry.Yaw).ToList();

    private static bool Jumped(PointD[] before, PointD[] after) =>
        LandmarkGeometry.Distance(LandmarkGeometry.Centre(before), LandmarkGeometry.Centre(after)) > MaxJump * FaceEngine.BoxAround(before).Width;

    private static PointD[] Scale(PointD[] points, double sx, double sy) => points.Select(p => new PointD(p.X * sx, p.Y * sy)).ToArray();

    /// <summary>Forgets challenges nobody answered.</summary>
    private void Sweep()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (nonce, challenge) in _open)
        {
            if (challenge.ExpiresUtc < now) _open.TryRemove(nonce, out _);
        }
    }
}
