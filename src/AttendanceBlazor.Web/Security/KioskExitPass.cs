using Microsoft.AspNetCore.DataProtection;

namespace AttendanceBlazor.Web.Security;

/// <summary>
/// A one-minute pass the kiosk's exit dialog issues once an Admin's e-mail and password checked out; the form that
/// unpairs the tablet must carry it. Protected with the app's Data Protection keys.
/// </summary>
public static class KioskExitPass
{
    private const string Purpose = "AttendanceBlazor.KioskExit";

    public static string Issue(IDataProtectionProvider protection, string adminId) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Protect(adminId, TimeSpan.FromMinutes(1));

    public static bool IsValid(IDataProtectionProvider protection, string? pass)
    {
        if (string.IsNullOrEmpty(pass)) return false;
        try
        {
            protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(pass);
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
