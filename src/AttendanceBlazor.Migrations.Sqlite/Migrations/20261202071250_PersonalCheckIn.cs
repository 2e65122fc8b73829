using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AttendanceBlazor.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PersonalCheckIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AskLocation",
                table: "Settings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutsideNetworks",
                table: "Settings",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PersonalCheckIn",
                table: "Settings",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PersonalNetworks",
                table: "Settings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckInAddress",
                table: "AttendanceRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckInLocation",
                table: "AttendanceRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CheckInRemote",
                table: "AttendanceRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CheckOutAddress",
                table: "AttendanceRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckOutDevice",
                table: "AttendanceRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckOutLocation",
                table: "AttendanceRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CheckOutRemote",
                table: "AttendanceRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "CheckOutSource",
                table: "AttendanceRecords",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // Earlier check-outs kept no source; only the automatic ones are known for certain (the others stay
            // unknown rather than guessed).
            migrationBuilder.Sql("UPDATE \"AttendanceRecords\" SET \"CheckOutSource\" = 'AutoClose', \"CheckOutDevice\" = 'automatic' WHERE \"AutoClosed\" = 1 AND \"CheckOutUtc\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AskLocation",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "OutsideNetworks",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "PersonalCheckIn",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "PersonalNetworks",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "CheckInAddress",
                table: "AttendanceRecords");

            migrationBuilder.DropColumn(
                name: "CheckInLocation",
                table: "AttendanceRecords");

            migrationBuilder.DropColumn(
                name: "CheckInRemote",
                table: "AttendanceRecords");

            migrationBuilder.DropColumn(
                name: "CheckOutAddress",
                table: "AttendanceRecords");

            migrationBuilder.DropColumn(
                name: "CheckOutDevice",
                table: "AttendanceRecords");

            migrationBuilder.DropColumn(
                name: "CheckOutLocation",
                table: "AttendanceRecords");

            migrationBuilder.DropColumn(
                name: "CheckOutRemote",
                table: "AttendanceRecords");

            migrationBuilder.DropColumn(
                name: "CheckOutSource",
                table: "AttendanceRecords");
        }
    }
}
