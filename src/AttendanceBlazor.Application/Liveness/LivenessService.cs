using AttendanceBlazor.Application.CheckIn;
using AttendanceBlazor.Application.Faces;
using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>
/// Liveness at the camera, step by step: the server draws the turns (<see cref="Draw"/>); each step's frames are
/// followed by their landmarks alone from where the face was (no detector: a step costs little more than a still), and
/// judged (<see cref="ChallengeRules"/>). The frames in which the head was turned are hashed for the replay check. No
/// frame is kept. <see cref="ChallengeSession"/> puts the steps of one press together.
/// </summary>
public sealed class LivenessService(
    StillAnalyzer analyzer,
    RecognitionGate gate,
    AttendanceSettings settingsProvider,
    FaceDecider decider,
    ReplayGuard replays,
    IOptions<AttendanceOptions> options,
    ILivenessRandom random,
    ILogger<LivenessService> logger)
{
    public StillAnalyzer Analyzer => analyzer;

    public RecognitionGate Gate => gate;

    public ReplayGuard Replays => replays;

    /// <summary>How long a step is shown and recorded.</summary>
    public TimeSpan StepDuration => options.Value.LivenessStepDuration;

    /// <summary>A step's frames are answered within this of the step appearing (the recording included).</summary>
    public TimeSpan AnswerWithin => options.Value.ChallengeAnswerWithin;

    public Task<EffectiveSettings> SettingsAsync(CancellationToken cancellationToken) => settingsProvider.GetAsync(cancellationToken);

    /// <summary>Whom the face is closest to, within the match threshold: whose earlier frames a replay would repeat.</summary>
    public int? Candidate(AnalyzedFace face, EffectiveSettings settings) =>
        decider.Decide(face.Descriptor, settings) is { Kind: not DecisionKind.Unknown } decision ? decision.PersonId : null;

    /// <summary>
    /// Whether a press's turned frames repeat those of earlier passed presses (<see cref="ReplayGuard"/>). With
    /// Attendance:LivenessRefuseReplays off (benchmarks that send one recording over and over; refused in Production)
    /// the check is made and logged but refuses nothing.
    /// </summary>
    public async Task<bool> IsReplayAsync(int? candidate, IReadOnlyList<FaceHash> frames, CancellationToken cancellationToken)
    {
        var matched = await replays.MatchedAsync(candidate, frames, cancellationToken);
        var replay = ReplayGuard.IsReplay(matched, frames.Count);
        if (replay) logger.LogWarning("Liveness: {Matched} of {Frames} turned frames were seen before in a passed challenge: a replayed recording", matched, frames.Count);
        return replay && options.Value.LivenessRefuseReplays;
    }

    /// <summary>Frames a step needs, to judge a movement.</summary>
    public const int MinFrames = 6;

    /// <summary>How far the face may move between two frames, as a share of its width, before it counts as lost.</summary>
    public const double MaxJump = 0.5;

    public bool Enabled => options.Value.Liveness == LivenessMode.Challenge;

    /// <summary>The turns of a new try, Attendance:LivenessSteps of them.</summary>
    public IReadOnlyList<HeadTurn> Draw()
    {
        var steps = random.Draw(options.Value.LivenessSteps);
        if (steps.Count < 1) throw new InvalidOperationException("A challenge has at least one step.");
        return steps;
    }

    /// <summary>
    /// Follows the face through one step's frames from <paramref name="from"/> (its landmarks in a frame of
    /// <paramref name="fromSize"/>: the still's, or the previous step's last frame) and judges the turn asked for.
    /// CPU work: run it off the caller's thread, within the press's analysis slot.
    /// </summary>
    public LivenessVerdict Follow(HeadTurn asked, IReadOnlyList<ReadOnlyMemory<byte>> frames, PointD[] from, (int Width, int Height) fromSize, CancellationToken cancellationToken)
    {
        if (frames.Count < MinFrames) return new(LivenessFailure.BadBurst, []);
        var verdict = Track(asked, frames, from, fromSize, cancellationToken);
        logger.LogInformation("Liveness step {Turn}: {Failure} over {Frames} frames", asked, verdict.Failure, frames.Count);
        return verdict;
    }

    private LivenessVerdict Track(HeadTurn asked, IReadOnlyList<ReadOnlyMemory<byte>> frames, PointD[] from, (int Width, int Height) fromSize, CancellationToken cancellationToken)
    {
        var engine = analyzer.Engine;
        var points = new List<PointD[]>(frames.Count);
        var turned = new List<FaceHash>();
        PointD[]? previous = null;
        RgbImage? frontal = null;
        PointD[]? frontalPoints = null;
        var frontalYaw = double.MaxValue;
        var size = fromSize;
        var missed = 0;
        try
        {
            foreach (var frame in frames)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RgbImage image;
                try
                {
                    image = ImageDecoder.Decode(frame.Span, engine.Limits);
                }
                catch (ImageDecodeException)
                {
                    return new(LivenessFailure.BadBurst, []);
                }
                var keep = false;
                try
                {
                    // The first frame starts from the given landmarks, scaled to its size.
                    previous ??= Scale(from, (double)image.Width / fromSize.Width, (double)image.Height / fromSize.Height);
                    var tracked = engine.TrackLandmarks(image, previous);
                    if (!Plausible(previous, tracked))
                    {
                        // Lost (a turn near profile, where the landmark net's points fall apart): find the face again in
                        // this frame. Rare, and it must be the same face, not the nearest one in the picture. A frame or
                        // two without it are skipped (a real turn has them); more, and the face is gone.
                        tracked = Redetect(engine, image, previous);
                        if (tracked is null)
                        {
                            if (++missed > MaxMissedFrames) return new(LivenessFailure.LostFace, Yaws(points));
                            continue;
                        }
                    }
                    missed = 0;
                    points.Add(tracked);
                    previous = tracked;
                    size = (image.Width, image.Height);
                    var yaw = LandmarkGeometry.Yaw(tracked);
                    if (ChallengeRules.IsTurned(yaw)) turned.Add(FaceEngine.HashFace(image, tracked));
                    if (Math.Abs(yaw) < frontalYaw)
                    {
                        // The frame that faces the camera most squarely stays for the step's descriptor.
                        frontal?.Dispose();
                        (frontal, frontalPoints, frontalYaw, keep) = (image, tracked, Math.Abs(yaw), true);
                    }
                }
                finally
                {
                    if (!keep) image.Dispose();
                }
            }
            if (points.Count < MinFrames) return new(LivenessFailure.LostFace, Yaws(points));
            var yaws = Yaws(points);
            var outcome = ChallengeRules.Judge(asked, yaws);
            var failure = outcome switch
            {
                StepOutcome.Met => LivenessFailure.None,
                StepOutcome.WrongWayFirst => LivenessFailure.WrongWayFirst,
                _ => LivenessFailure.ChallengeNotMet,
            };
            return new(failure, yaws)
            {
                Landmarks = points,
                LastPoints = points[^1],
                LastSize = size,
                TurnedFrames = turned,
                Descriptor = failure == LivenessFailure.None && frontal is not null ? engine.Describe(frontal, frontalPoints!) : null,
            };
        }
        finally
        {
            frontal?.Dispose();
        }
    }

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
}
