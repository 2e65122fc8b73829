using AttendanceBlazor.Application.Settings;
using AttendanceBlazor.Recognition.Imaging;
using AttendanceBlazor.Recognition.Pipeline;
using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application.Faces;

/// <summary>
/// The one still-analysis step of every path that takes a photo (kiosk, REST API, HR's face samples): decode and
/// analyse on the thread pool (never on a circuit), choose the face the still is about, and say why when there is
/// none. Thread-safe.
/// </summary>
public sealed class StillAnalyzer(Lazy<FaceEngine> engine, RecognitionGate gate, IOptions<AttendanceOptions> options, Diagnostics.AttendanceMetrics metrics)
{
    /// <summary>A blank wall or a covered lens has no contrast; a blurred scene still has light and shade.</summary>
    public const double MinContrastForBlur = 15;

    public string ModelId => engine.Value.ModelId;

    public FaceEngine Engine => engine.Value;

    public async Task<AnalyzedStill> AnalyzeAsync(ReadOnlyMemory<byte> still, CancellationToken cancellationToken = default)
    {
        using var slot = await gate.EnterAsync(cancellationToken);
        if (slot is null) return new(StillProblem.Busy, null, 0);
        try
        {
            return await Task.Run(() => Analyze(still.Span, cancellationToken), cancellationToken);
        }
        catch (ImageDecodeException ex)
        {
            return new(ex.Error == ImageError.TooManyBytes ? StillProblem.ImageTooLarge : StillProblem.BadImage, null, 0, ex.Message);
        }
    }

    private AnalyzedStill Analyze(ReadOnlySpan<byte> still, CancellationToken cancellationToken)
    {
        var o = options.Value;
        // Only a face that dominates the still is described: a crowd is refused after detection alone.
        var analysis = engine.Value.Analyze(still, engine.Value.DominantFace(o.LargestFaceRatio), cancellationToken);
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
        return new(StillProblem.None, new AnalyzedFace(face.Descriptor, face.Box, FaceThumbnail.Encode(analysis.Image, face.Box))
        {
            Landmarks = face.Landmarks,
            StillSize = (analysis.Image.Width, analysis.Image.Height),
            Quality = ImageQuality.Measure(analysis.Image, new PixelRect((int)face.Box.X, (int)face.Box.Y, (int)face.Box.Width, (int)face.Box.Height)),
        }, analysis.Detected);
    }
}
