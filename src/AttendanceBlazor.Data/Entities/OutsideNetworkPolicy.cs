namespace AttendanceBlazor.Data.Entities;

/// <summary>What a personal check-in from outside the allowed networks gets.</summary>
public enum OutsideNetworkPolicy
{
    /// <summary>Refused: nothing is recorded.</summary>
    Refuse = 0,

    /// <summary>Recorded, and marked remote.</summary>
    MarkRemote = 1,
}
