using System.Net;
using AttendanceBlazor.Application.Audit;

namespace AttendanceBlazor.Application.CheckIn;

/// <summary>
/// A personal check-in's circumstances: who is signed in (for the audit), from which address (as the forwarded
/// headers of configured proxies give it), when the press arrived, and the location the browser gave, if any.
/// </summary>
public sealed record PersonalRequest(Actor Actor, IPAddress? Address, DateTime? ArrivedUtc = null, string? Location = null);
