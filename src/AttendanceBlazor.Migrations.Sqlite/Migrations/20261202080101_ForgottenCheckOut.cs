using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AttendanceBlazor.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ForgottenCheckOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ApplyForgottenCheckOuts",
                table: "Settings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ProposedUtc",
                table: "ReviewItems",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApplyForgottenCheckOuts",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "ProposedUtc",
                table: "ReviewItems");
        }
    }
}
