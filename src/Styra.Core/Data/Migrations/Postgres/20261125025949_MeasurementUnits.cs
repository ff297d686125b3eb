using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Styra.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MeasurementUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Measurements_IndicatorId_AreaId_Period_Gender",
                table: "Measurements");

            migrationBuilder.AddColumn<string>(
                name: "UnitCode",
                table: "Measurements",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Measurements_IndicatorId_AreaId_UnitCode_Period_Gender",
                table: "Measurements",
                columns: new[] { "IndicatorId", "AreaId", "UnitCode", "Period", "Gender" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Measurements_IndicatorId_AreaId_UnitCode_Period_Gender",
                table: "Measurements");

            migrationBuilder.DropColumn(
                name: "UnitCode",
                table: "Measurements");

            migrationBuilder.CreateIndex(
                name: "IX_Measurements_IndicatorId_AreaId_Period_Gender",
                table: "Measurements",
                columns: new[] { "IndicatorId", "AreaId", "Period", "Gender" },
                unique: true);
        }
    }
}
