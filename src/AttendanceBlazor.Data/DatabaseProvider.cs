using System.ComponentModel.DataAnnotations;

namespace AttendanceBlazor.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,

    /// <summary>PostgreSQL through Npgsql: the server database the tests run against (CI starts a throwaway cluster).</summary>
    PostgreSQL,
}
