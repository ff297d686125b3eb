using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Styra.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RollUpAssessmentsUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The planners' assessments (no unit) are unique per event and node too: the unique index over
            // (EventId, NodeKey, UnitId) does not hold for them, since NULLs count as distinct.
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "IX_Assessments_EventId_NodeKey_RollUp" ON "Assessments" ("EventId", "NodeKey") WHERE "UnitId" IS NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Assessments_EventId_NodeKey_RollUp";""");
        }
    }
}
