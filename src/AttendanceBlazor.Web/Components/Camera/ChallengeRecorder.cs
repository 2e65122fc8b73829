using AttendanceBlazor.Application.Liveness;

namespace AttendanceBlazor.Web.Components.Camera;

/// <summary>
/// The camera's side of the liveness challenge, the same for the kiosk and the own tab: while a challenge is on show,
/// draw it, record a burst for it and hand the burst over; a try that did not meet it puts the next challenge on
/// show, and the loop records again. The rules (tries, verdicts) are <see cref="ChallengeSession"/>'s.
/// </summary>
public static class ChallengeRecorder
{
    /// <summary>
    /// Records until no challenge is on show. Returns <see cref="CameraPictureKind.Taken"/> when the challenge ended
    /// (met, failed or refused: <paramref name="submit"/> said what), else why a burst was missing (no picture, or no
    /// room for it in time: busy).
    /// </summary>
    public static async Task<CameraPictureKind> RecordAsync(Camera camera, ChallengeSession session, TimeSpan duration,
        Func<byte[], Task> submit, Func<Task> redraw, CancellationToken cancellationToken)
    {
        while (session.Challenge is not null)
        {
            await redraw();
            using var burst = await camera.CaptureBurstAsync(duration, session.TryStarted, cancellationToken);
            if (burst.Kind != CameraPictureKind.Taken)
            {
                session.Stop();
                return burst.Kind;
            }
            // Submitted, then drawn: the page shows "One moment" while the burst is judged.
            var submitted = submit(burst.Bytes);
            await redraw();
            await submitted;
        }
        return CameraPictureKind.Taken;
    }
}
