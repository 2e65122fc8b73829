using AttendanceBlazor.Application.Liveness;
using SkiaSharp;

namespace AttendanceBlazor.Cli;

/// <summary>Helpers of `bench-liveness`: frames at the kiosk's sizes, and a challenge of the kind the sequence shows.</summary>
internal static class LivenessBench
{
    public static byte[] Resize(byte[] jpeg, int width)
    {
        using var source = SKBitmap.Decode(jpeg);
        var height = (int)Math.Round((double)source.Height * width / source.Width);
        using var resized = source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear));
        using var data = resized.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    /// <summary>A challenge of <paramref name="kind"/>: issued until the random source chooses it (the bench needs a known one).</summary>
    public static string IssueFor(LivenessService liveness, LivenessChallengeKind kind)
    {
        for (var i = 0; i < 1000; i++)
        {
            var challenge = liveness.Issue();
            if (challenge.Kind == kind) return challenge.Nonce;
        }
        throw new CliException($"Attendance:LivenessChallenges does not offer {kind}");
    }
}
