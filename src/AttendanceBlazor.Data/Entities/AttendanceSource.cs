using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

public enum AttendanceSource
{
    Kiosk = 0,
    Api = 1,
    Manual = 2,

    /// <summary>At the kiosk with name and PIN, by someone who declined face recognition.</summary>
    Pin = 3,

    /// <summary>From the person's own browser tab, with their face verified against their own templates.</summary>
    Personal = 4,

    /// <summary>From the person's own browser tab, with the plain button (no face).</summary>
    PersonalButton = 5,

    /// <summary>Closed by the automatic check-out (a check-out source only).</summary>
    AutoClose = 6,

    /// <summary>
    /// The person's own answer to "When did you leave?" after an automatic close, applied by HR's confirmation or at
    /// once where Settings say so (a check-out source only).
    /// </summary>
    Stated = 7,
}
