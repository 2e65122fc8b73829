using Microsoft.AspNetCore.Identity;

namespace AttendanceBlazor.Data.Entities;

/// <summary>A login. Linked to a <see cref="Person"/> when the person has an account (employee self-service).</summary>
public sealed class ApplicationUser : IdentityUser
{
}
