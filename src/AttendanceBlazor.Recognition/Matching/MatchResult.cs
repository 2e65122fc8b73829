using System.Numerics.Tensors;

namespace AttendanceBlazor.Recognition.Matching;

/// <summary>
/// The outcome of a 1:N search. <see cref="Person"/> is the nearest person whatever the status; only
/// <see cref="MatchStatus.Match"/> means it may be used. <see cref="Margin"/> is the distance from the best person to
/// the next different person (infinity when there is none).
/// </summary>
public sealed record MatchResult<TPerson>(MatchStatus Status, TPerson? Person, double Distance, TPerson? RunnerUp, double Margin)
{
    public bool IsMatch => Status == MatchStatus.Match;
}
