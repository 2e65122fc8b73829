using System.ComponentModel.DataAnnotations;

namespace AttendanceBlazor.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
