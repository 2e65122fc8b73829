using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AttendanceBlazor.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// PostgreSQL only: every statement that adds lines to the face index's change feed notifies channel
    /// attendance_face_index. NOTIFY in a transaction is delivered when it commits, and only then, so a node woken by it
    /// reads lines that are there; writers need not know (the CLI, a web node, a future job). Web nodes listen and read
    /// the feed at once instead of at their next poll (FaceIndexFollower; ADR 014).
    /// </summary>
    public partial class FaceIndexNotify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION attendance_face_index_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('attendance_face_index', '');
                    RETURN NULL;
                END
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "FaceIndexChanges_notify" AFTER INSERT ON "FaceIndexChanges"
                FOR EACH STATEMENT EXECUTE FUNCTION attendance_face_index_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "FaceIndexChanges_notify" ON "FaceIndexChanges";""");
            migrationBuilder.Sql("DROP FUNCTION attendance_face_index_notify();");
        }
    }
}
