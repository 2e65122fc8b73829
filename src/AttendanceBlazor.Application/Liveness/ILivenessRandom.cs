using System.Security.Cryptography;

namespace AttendanceBlazor.Application.Liveness;

/// <summary>Which challenge comes next. Unpredictable in the app; tests put in their own to fix it.</summary>
public interface ILivenessRandom
{
    int Next(int maxExclusive);
}

/// <summary>The app's source: cryptographic, so a recorded answer cannot be prepared for the next challenge.</summary>
public sealed class CryptographicLivenessRandom : ILivenessRandom
{
    public int Next(int maxExclusive) => RandomNumberGenerator.GetInt32(maxExclusive);
}
