using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Update;

namespace AttendanceBlazor.Data;

/// <summary>
/// SQLite migrations without their <c>PRAGMA foreign_keys</c> switches. EF Core wraps a table rebuild (how SQLite drops
/// or changes a column) in <c>PRAGMA foreign_keys = 0</c> and <c>= 1</c>, which SQLite ignores inside a transaction, so
/// EF runs them outside one and the migrations are no longer atomic: a crash mid-way leaves a half-changed database
/// (and EF says so in three warnings at the first start). Here the migrator turns foreign keys off once for the whole
/// run, outside its transaction (<see cref="DataServiceCollectionExtensions.MigrateAttendanceDatabaseAsync"/>), checks
/// them afterwards, and every pending migration runs in the one transaction EF gives them. See docs/decisions/017.
/// </summary>
#pragma warning disable EF1001 // The SQLite generator is public but in an internal namespace; its behaviour is what we build on.
public sealed class SqliteAtomicMigrations(MigrationsSqlGeneratorDependencies dependencies, IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
#pragma warning restore EF1001
{
    public override IReadOnlyList<MigrationCommand> Generate(IReadOnlyList<MigrationOperation> operations, IModel? model = null, MigrationsSqlGenerationOptions options = MigrationsSqlGenerationOptions.Default) =>
        base.Generate(operations, model, options)
            .Where(c => !c.CommandText.TrimStart().StartsWith("PRAGMA foreign_keys", StringComparison.OrdinalIgnoreCase))
            .ToList();
}
