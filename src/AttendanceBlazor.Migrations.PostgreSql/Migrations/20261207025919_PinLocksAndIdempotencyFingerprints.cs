using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AttendanceBlazor.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PinLocksAndIdempotencyFingerprints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PinAttempts");

            migrationBuilder.AddColumn<string>(
                name: "Fingerprint",
                table: "IdempotentRequests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PersonId",
                table: "IdempotentRequests",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PinLocks",
                columns: table => new
                {
                    Subject = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    Lockouts = table.Column<int>(type: "integer", nullable: false),
                    LockedUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFailureUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PinLocks", x => x.Subject);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IdempotentRequests_PersonId",
                table: "IdempotentRequests",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PinLocks_LastFailureUtc",
                table: "PinLocks",
                column: "LastFailureUtc");

            migrationBuilder.CreateIndex(
                name: "IX_PinLocks_PersonId",
                table: "PinLocks",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PinLocks");

            migrationBuilder.DropIndex(
                name: "IX_IdempotentRequests_PersonId",
                table: "IdempotentRequests");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                table: "IdempotentRequests");

            migrationBuilder.DropColumn(
                name: "PersonId",
                table: "IdempotentRequests");

            migrationBuilder.CreateTable(
                name: "PinAttempts",
                columns: table => new
                {
                    NormalizedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    LastFailureUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LockedUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Lockouts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PinAttempts", x => x.NormalizedName);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PinAttempts_LastFailureUtc",
                table: "PinAttempts",
                column: "LastFailureUtc");
        }
    }
}
