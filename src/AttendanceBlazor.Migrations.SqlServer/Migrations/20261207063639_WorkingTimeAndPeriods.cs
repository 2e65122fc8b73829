using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AttendanceBlazor.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class WorkingTimeAndPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BreakRule",
                table: "Settings",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HoursPerWeekday",
                table: "Settings",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "LateGrace",
                table: "Settings",
                type: "time",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MonthConfirmation",
                table: "Settings",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "StartTime",
                table: "Settings",
                type: "time",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FirstDay",
                table: "People",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HoursPerWeekday",
                table: "People",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "LateGrace",
                table: "People",
                type: "time",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OpeningBalanceFrom",
                table: "People",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OpeningBalanceMinutes",
                table: "People",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "StartTime",
                table: "People",
                type: "time",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Corrected",
                table: "AttendanceRecords",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Absences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PersonId = table.Column<int>(type: "int", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Absences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Absences_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DaysOff",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DaysOff", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Periods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PersonId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    ConfirmedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ApprovedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ApprovedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Snapshot = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ChangedAfterConfirmUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Periods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Periods_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Absences_PersonId_From",
                table: "Absences",
                columns: new[] { "PersonId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_DaysOff_Date",
                table: "DaysOff",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Periods_Month",
                table: "Periods",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_Periods_PersonId_Month",
                table: "Periods",
                columns: new[] { "PersonId", "Month" },
                unique: true);

            // Records changed before the flag existed: a stated check-out applied, or HR's correction in the audit log.
            migrationBuilder.Sql("""
                UPDATE [AttendanceRecords] SET [Corrected] = CAST(1 AS bit) WHERE [CheckOutSource] = N'Stated' OR CAST([Id] AS nvarchar(20)) IN (SELECT [EntityId] FROM [AuditEntries] WHERE [EntityType] = N'AttendanceRecord' AND [Action] IN (N'correct-record', N'close-record', N'merge'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Absences");

            migrationBuilder.DropTable(
                name: "DaysOff");

            migrationBuilder.DropTable(
                name: "Periods");

            migrationBuilder.DropColumn(
                name: "BreakRule",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "HoursPerWeekday",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "LateGrace",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "MonthConfirmation",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "StartTime",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "FirstDay",
                table: "People");

            migrationBuilder.DropColumn(
                name: "HoursPerWeekday",
                table: "People");

            migrationBuilder.DropColumn(
                name: "LateGrace",
                table: "People");

            migrationBuilder.DropColumn(
                name: "OpeningBalanceFrom",
                table: "People");

            migrationBuilder.DropColumn(
                name: "OpeningBalanceMinutes",
                table: "People");

            migrationBuilder.DropColumn(
                name: "StartTime",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Corrected",
                table: "AttendanceRecords");
        }
    }
}
