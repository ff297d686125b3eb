using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Styra.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Economy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BudgetFrameYears",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    StatedTotal = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetFrameYears", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetFrameYears_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EconomyItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EconomyItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EconomyItems_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExceptionalReasons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Ground = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    FiguresAsOf = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EquityMnkr = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    LiquidAssetsMnkr = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    LiquidAssetsForPensionsMnkr = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    TotalCapitalMnkr = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    SolidityInclPensionsPercent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: true),
                    LoanDebtMnkr = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExceptionalReasons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExceptionalReasons_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvestmentPlanYears",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAndReinvestments = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    PropertyInvestments = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    StatedTotal = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestmentPlanYears", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestmentPlanYears_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportedFinancialGoals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Goal = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Percent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    AsPrinted = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportedFinancialGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportedFinancialGoals_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BudgetFrames",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FrameYearId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetFrames", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetFrames_BudgetFrameYears_FrameYearId",
                        column: x => x.FrameYearId,
                        principalTable: "BudgetFrameYears",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BudgetFrames_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetFrames_FrameYearId_Position",
                table: "BudgetFrames",
                columns: new[] { "FrameYearId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BudgetFrames_UnitId",
                table: "BudgetFrames",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetFrameYears_RegionId_Year",
                table: "BudgetFrameYears",
                columns: new[] { "RegionId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EconomyItems_RegionId_Year_Kind_Item",
                table: "EconomyItems",
                columns: new[] { "RegionId", "Year", "Kind", "Item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExceptionalReasons_RegionId_Year",
                table: "ExceptionalReasons",
                columns: new[] { "RegionId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvestmentPlanYears_RegionId_Year",
                table: "InvestmentPlanYears",
                columns: new[] { "RegionId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportedFinancialGoals_RegionId_Goal_Year_Basis",
                table: "ReportedFinancialGoals",
                columns: new[] { "RegionId", "Goal", "Year", "Basis" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BudgetFrames");

            migrationBuilder.DropTable(
                name: "EconomyItems");

            migrationBuilder.DropTable(
                name: "ExceptionalReasons");

            migrationBuilder.DropTable(
                name: "InvestmentPlanYears");

            migrationBuilder.DropTable(
                name: "ReportedFinancialGoals");

            migrationBuilder.DropTable(
                name: "BudgetFrameYears");
        }
    }
}
