using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Styra.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EconomyFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommitteeEconomyReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    OutcomeToDate = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    BudgetToDate = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    FullYearForecast = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeEconomyReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeEconomyReports_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommitteeEconomyReports_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FeeDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    MaxChangePercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 3, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeeDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeeDecisions_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SoundManagementJudgements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: true),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UpdatedByUserId = table.Column<int>(type: "INTEGER", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SoundManagementJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SoundManagementJudgements_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SoundManagementJudgements_ReportingEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "ReportingEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "TaxRates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Percent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaxRates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaxRates_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeEconomyReports_RegionId_Year_Month_UnitId",
                table: "CommitteeEconomyReports",
                columns: new[] { "RegionId", "Year", "Month", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeEconomyReports_UnitId",
                table: "CommitteeEconomyReports",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_FeeDecisions_RegionId_Year_Area",
                table: "FeeDecisions",
                columns: new[] { "RegionId", "Year", "Area" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SoundManagementJudgements_EventId",
                table: "SoundManagementJudgements",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_SoundManagementJudgements_RegionId_Year",
                table: "SoundManagementJudgements",
                columns: new[] { "RegionId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TaxRates_RegionId_Year",
                table: "TaxRates",
                columns: new[] { "RegionId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommitteeEconomyReports");

            migrationBuilder.DropTable(
                name: "FeeDecisions");

            migrationBuilder.DropTable(
                name: "SoundManagementJudgements");

            migrationBuilder.DropTable(
                name: "TaxRates");
        }
    }
}
