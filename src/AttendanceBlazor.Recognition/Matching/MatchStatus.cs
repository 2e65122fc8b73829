using System.Numerics.Tensors;

namespace AttendanceBlazor.Recognition.Matching;

/// <summary>What an identification decided.</summary>
public enum MatchStatus
{
    /// <summary>The index holds no template.</summary>
    Empty,
    /// <summary>Nobody is within the threshold.</summary>
    NoMatch,
    /// <summary>Two different people are within the threshold and too close to each other to tell apart.</summary>
    Ambiguous,
    Match,
}
