using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AttendanceBlazor.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class LivenessFramesAndKioskNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "KioskName",
                table: "People",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SeenFrames",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PressId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    SeenUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeenFrames", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SeenFrames_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SeenFrames_PersonId",
                table: "SeenFrames",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SeenFrames_PressId",
                table: "SeenFrames",
                column: "PressId");

            migrationBuilder.CreateIndex(
                name: "IX_SeenFrames_SeenUtc",
                table: "SeenFrames",
                column: "SeenUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SeenFrames");

            migrationBuilder.DropColumn(
                name: "KioskName",
                table: "People");
        }
    }
}
