using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AttendanceBlazor.Migrations.Sqlite.Migrations
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
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Lockouts = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastFailureUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PinAttempts", x => x.NormalizedName);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PinAttempts_LastFailureUtc",
                table: "PinAttempts",
                column: "LastFailureUtc");

            // Wrong-PIN counts move from people to the names typed (PinAttempt), so unknown names count the same.
            migrationBuilder.Sql("INSERT INTO \"PinAttempts\" (\"NormalizedName\", \"FailedAttempts\", \"Lockouts\", \"LockedUntilUtc\", \"LastFailureUtc\") " +
                "SELECT \"NormalizedName\", \"PinFailedAttempts\", CASE WHEN \"PinLockedUntilUtc\" IS NULL THEN 0 ELSE 1 END, \"PinLockedUntilUtc\", COALESCE(\"PinLockedUntilUtc\", strftime('%Y-%m-%d %H:%M:%S', 'now')) " +
                "FROM \"People\" WHERE \"PinFailedAttempts\" > 0 OR \"PinLockedUntilUtc\" IS NOT NULL;");

            migrationBuilder.DropColumn(
                name: "PinFailedAttempts",
                table: "People");

            migrationBuilder.DropColumn(
                name: "PinLockedUntilUtc",
                table: "People");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedUtc",
                table: "People",
                type: "TEXT",
                nullable: true);

            // People inactive before this version count as deactivated now: face data retention starts today.
            migrationBuilder.Sql("UPDATE \"People\" SET \"DeactivatedUtc\" = strftime('%Y-%m-%d %H:%M:%S', 'now') WHERE \"IsActive\" = 0;");

            // Erased placeholders get a normalized name no registration can take (Person.ErasedNormalizedName).
            migrationBuilder.Sql("UPDATE \"People\" SET \"NormalizedName\" = char(57344) || 'ERASED PERSON ' || \"Id\" WHERE \"ErasedUtc\" IS NOT NULL;");
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "PinLockedUntilUtc",
                table: "People",
                type: "TEXT",
                nullable: true);
        }
    }
}
