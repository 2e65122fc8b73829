using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AttendanceBlazor.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrustedCheckIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "SureThreshold",
                table: "Settings",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Device = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CandidatePersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    Distance = table.Column<float>(type: "REAL", nullable: true),
                    RecordId = table.Column<long>(type: "INTEGER", nullable: true),
                    PendingName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PendingDescriptors = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PendingThumbnail = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ConsentUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ResolvedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewItems_People_CandidatePersonId",
                        column: x => x.CandidatePersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_CandidatePersonId",
                table: "ReviewItems",
                column: "CandidatePersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_State_AtUtc",
                table: "ReviewItems",
                columns: new[] { "State", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "SureThreshold",
                table: "Settings");
        }
    }
}
