using System.Security.Cryptography;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>Which turns a challenge asks for. Unpredictable in the app; tests put in their own to fix the draw.</summary>
public interface ILivenessRandom
{
    IReadOnlyList<HeadTurn> Draw(int steps);
}

/// <summary>The app's source: cryptographic, so no recording can be prepared for the next challenge's order.</summary>
public sealed class CryptographicLivenessRandom : ILivenessRandom
{
    public IReadOnlyList<HeadTurn> Draw(int steps) =>
        Enumerable.Range(0, steps).Select(_ => RandomNumberGenerator.GetInt32(2) == 0 ? HeadTurn.Left : HeadTurn.Right).ToList();
}
