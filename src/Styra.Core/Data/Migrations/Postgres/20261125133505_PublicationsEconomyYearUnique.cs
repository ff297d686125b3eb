using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Styra.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicationsEconomyYearUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Publications_EconomyYear",
                table: "Publications",
                columns: new[] { "RegionId", "Year" },
                unique: true,
                filter: "\"EventId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Publications_EconomyYear",
                table: "Publications");
        }
    }
}
