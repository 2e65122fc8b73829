using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Application.Time;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Faces;

/// <summary>Where a still comes from: a camera a person stands at (the camera detector, where configured), or any photo.</summary>
public enum StillSource
{
    Photo,
    Camera,

    /// <summary>A photo of which nothing is shown or kept (a REST check-in without a name): no thumbnail is made.</summary>
    PhotoWithoutThumbnail,
}

/// <summary>
/// The one still-analysis step of every path that takes a photo (kiosk, REST API, HR's face samples): decode and
/// analyse on the thread pool (never on a circuit), choose the face the still is about, and say why when there is
/// none. It runs in a recognition slot (RecognitionGate): the caller's, or one taken here within the press's
/// deadline. Thread-safe.
/// </summary>
public sealed class StillAnalyzer(Lazy<FaceEngine> engine, RecognitionGate gate, IOptions<AttendanceOptions> options, TimeProvider time, Diagnostics.AttendanceMetrics metrics)
{
    /// <summary>A blank wall or a covered lens has no contrast; a blurred scene still has light and shade.</summary>
    public const double MinContrastForBlur = 15;

    public string ModelId => engine.Value.ModelId;

    public FaceEngine Engine => engine.Value;

    /// <summary>A still that arrived at <paramref name="arrival"/>: a slot is taken within its deadline (Attendance:AnswerWithin), or the answer is busy.</summary>
    public async Task<AnalyzedStill> AnalyzeAsync(ReadOnlyMemory<byte> still, Arrival arrival, StillSource source = StillSource.Photo, CancellationToken cancellationToken = default)
    {
        using var slot = await gate.EnterAsync(arrival, options.Value.AnswerWithin, cancellationToken);
        if (slot is null) return AnalyzedStill.Busy(gate.RetryAfter);
        return await AnalyzeAsync(slot, still, source, cancellationToken);
    }

    /// <summary>A photo that arrives now (HR's face sample, a tool).</summary>
    public Task<AnalyzedStill> AnalyzeAsync(ReadOnlyMemory<byte> still, CancellationToken cancellationToken = default) =>
        AnalyzeAsync(still, Arrival.Now(time), StillSource.Photo, cancellationToken);

    /// <summary>A still analysed in a slot the caller holds (a request with several stills, a liveness burst).</summary>
    public async Task<AnalyzedStill> AnalyzeAsync(RecognitionGate.AnalysisSlot slot, ReadOnlyMemory<byte> still, StillSource source = StillSource.Photo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slot);
        try
        {
            return await Task.Run(() => Analyze(still.Span, source, cancellationToken), cancellationToken);
        }
        catch (ImageDecodeException ex)
        {
            return new(ex.Error == ImageError.TooManyBytes ? StillProblem.ImageTooLarge : StillProblem.BadImage, null, 0, ex.Message);
        }
    }

    private AnalyzedStill Analyze(ReadOnlySpan<byte> still, StillSource source, CancellationToken cancellationToken)
    {
        var o = options.Value;
        // Only a face that dominates the still is described: a crowd is refused after detection alone.
        var detection = engine.Value.DominantFace(o.LargestFaceRatio) with { Camera = source == StillSource.Camera };
        var analysis = engine.Value.Analyze(still, detection, cancellationToken);
        // The decoded pixels go back to the pool once the face (descriptor, thumbnail, quality) is taken from them.
        using var image = analysis.Image;
        metrics.Analysed(analysis.Timings);
        var faces = analysis.Faces.OrderByDescending(f => f.Box.Area).ToList();
        if (analysis.Detected > 1 && faces.Count == 0) return new(StillProblem.SeveralFaces, null, analysis.Detected);
        if (faces.Count == 0)
        {
            // Say why, when the still itself explains it; a person can fix light or focus, not "no face".
            var quality = ImageQuality.Measure(analysis.Image);
            if (quality.MeanLuma < o.TooDarkLuma) return new(StillProblem.TooDark, null, 0);
            if (quality.Sharpness < o.BlurredSharpness && quality.Contrast >= MinContrastForBlur) return new(StillProblem.Blurred, null, 0);
            return new(StillProblem.NoFace, null, 0);
        }
        var face = faces[0];
        var faceQuality = ImageQuality.Measure(analysis.Image, new PixelRect((int)face.Box.X, (int)face.Box.Y, (int)face.Box.Width, (int)face.Box.Height));
        // The camera detector finds a face even in a picture too dark to recognise it well (the SSD does not): at a
        // camera, the person is asked for light, as when no face is found in the dark.
        if (source == StillSource.Camera && faceQuality.MeanLuma < o.TooDarkLuma) return new(StillProblem.TooDark, null, analysis.Detected);
        // The thumbnail only once the face is taken: it is a JPEG encoding, for the result card.
        var thumbnail = source == StillSource.PhotoWithoutThumbnail ? [] : FaceThumbnail.Encode(analysis.Image, face.Box);
        return new(StillProblem.None, new AnalyzedFace(face.Descriptor, face.Box, thumbnail)
        {
            Landmarks = face.Landmarks,
            StillSize = (analysis.Image.Width, analysis.Image.Height),
            Quality = faceQuality,
        }, analysis.Detected);
    }
}
