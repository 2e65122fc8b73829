using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AttendanceBlazor.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SecurityReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PinAttempts",
                columns: table => new
                {
                    NormalizedName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    FailedAttempts = table.Column<int>(type: "int", nullable: false),
                    Lockouts = table.Column<int>(type: "int", nullable: false),
                    LockedUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastFailureUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PinAttempts", x => x.NormalizedName);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PinAttempts_LastFailureUtc",
                table: "PinAttempts",
                column: "LastFailureUtc");

            // Custom SQL runs through EXEC: in the idempotent script a statement naming a column that a later (or an
            // earlier, already applied) step adds or drops would otherwise fail to compile.
            // Wrong-PIN counts move from people to the names typed (PinAttempt), so unknown names count the same.
            migrationBuilder.Sql("EXEC(N'INSERT INTO [PinAttempts] ([NormalizedName], [FailedAttempts], [Lockouts], [LockedUntilUtc], [LastFailureUtc]) " +
                "SELECT [NormalizedName], [PinFailedAttempts], CASE WHEN [PinLockedUntilUtc] IS NULL THEN 0 ELSE 1 END, [PinLockedUntilUtc], COALESCE([PinLockedUntilUtc], SYSUTCDATETIME()) " +
                "FROM [People] WHERE [PinFailedAttempts] > 0 OR [PinLockedUntilUtc] IS NOT NULL;');");

            migrationBuilder.DropColumn(
                name: "PinFailedAttempts",
                table: "People");

            migrationBuilder.DropColumn(
                name: "PinLockedUntilUtc",
                table: "People");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedUtc",
                table: "People",
                type: "datetime2",
                nullable: true);

            // People inactive before this version count as deactivated now: face data retention starts today.
            migrationBuilder.Sql("EXEC(N'UPDATE [People] SET [DeactivatedUtc] = SYSUTCDATETIME() WHERE [IsActive] = 0;');");

            // Erased placeholders get a normalized name no registration can take (Person.ErasedNormalizedName).
            migrationBuilder.Sql("EXEC(N'UPDATE [People] SET [NormalizedName] = NCHAR(57344) + N''ERASED PERSON '' + CAST([Id] AS nvarchar(20)) WHERE [ErasedUtc] IS NOT NULL;');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PinAttempts");

            migrationBuilder.DropColumn(
                name: "DeactivatedUtc",
                table: "People");

            migrationBuilder.AddColumn<int>(
                name: "PinFailedAttempts",
                table: "People",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "PinLockedUntilUtc",
                table: "People",
                type: "datetime2",
                nullable: true);
        }
    }
}
