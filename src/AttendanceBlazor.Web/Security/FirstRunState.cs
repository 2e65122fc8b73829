using AttendanceBlazor.Application.Accounts;

namespace AttendanceBlazor.Web.Security;

/// <summary>Whether the first admin exists yet. Once true it stays true, so the check costs one query per process.</summary>
public sealed class FirstRunState(AccountService accounts)
{
    private volatile bool _hasAdmin;

    public async Task<bool> NeedsSetupAsync()
    {
        if (_hasAdmin) return false;
        _hasAdmin = await accounts.AnyAccountAsync();
        return !_hasAdmin;
    }

    public void AdminCreated() => _hasAdmin = true;
}
