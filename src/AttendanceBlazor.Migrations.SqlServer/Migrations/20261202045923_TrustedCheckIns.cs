using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AttendanceBlazor.Migrations.SqlServer.Migrations
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
                type: "float",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Source = table.Column<int>(type: "int", nullable: false),
                    Device = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CandidatePersonId = table.Column<int>(type: "int", nullable: true),
                    Distance = table.Column<float>(type: "real", nullable: true),
                    RecordId = table.Column<long>(type: "bigint", nullable: true),
                    PendingName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PendingDescriptors = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    PendingThumbnail = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    ConsentVersion = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    ConsentUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResolvedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ResolvedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
