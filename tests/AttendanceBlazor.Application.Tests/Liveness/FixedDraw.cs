using AttendanceBlazor.Application.Liveness;

namespace AttendanceBlazor.Application.Tests.Liveness;

/// <summary>The server's draw, fixed by a test: the turns of every try, in order (a shorter list repeats its last).</summary>
public sealed class FixedDraw : ILivenessRandom
{
    public HeadTurn[] Steps { get; set; } = [HeadTurn.Right, HeadTurn.Left, HeadTurn.Left];

    public IReadOnlyList<HeadTurn> Draw(int steps) => Enumerable.Range(0, steps).Select(i => Steps[Math.Min(i, Steps.Length - 1)]).ToList();
}
