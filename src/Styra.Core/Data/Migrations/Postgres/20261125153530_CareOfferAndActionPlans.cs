using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Styra.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CareOfferAndActionPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActionPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    StrategyId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Decision = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlans_Plans_StrategyId",
                        column: x => x.StrategyId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionPlans_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareOfferCheckSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Check = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Threshold = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    SecondThreshold = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    PrincipleTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PrincipleText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PlanKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NodeKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareOfferCheckSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareOfferCheckSettings_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareOfferProposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareOfferProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareOfferProposals_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CareOfferRegisters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareOfferRegisters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareOfferRegisters_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SpecialtyVolumeThresholds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Specialty = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MinPatientsPerYear = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpecialtyVolumeThresholds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpecialtyVolumeThresholds_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Initiatives",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActionPlanId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Start = table.Column<DateOnly>(type: "date", nullable: true),
                    End = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    NodeKeys = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FollowUpStatus = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    FollowUpComment = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    FollowedUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FollowedUpBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Initiatives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Initiatives_ActionPlans_ActionPlanId",
                        column: x => x.ActionPlanId,
                        principalTable: "ActionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProposalChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    UnitKey = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SourceUnitKeys = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    NewMunicipalityId = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    NewLevel = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    NewUnitJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProposalChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProposalChanges_CareOfferProposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "CareOfferProposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CareUnits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegisterId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Specialty = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Mode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Need = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    MunicipalityId = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    SpecialistPhysicians = table.Column<int>(type: "integer", nullable: false),
                    SpecialistPhysicianFte = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    OtherStaff = table.Column<int>(type: "integer", nullable: true),
                    OtherStaffFte = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    PatientsPerYear = table.Column<int>(type: "integer", nullable: false),
                    VisitsPerYear = table.Column<int>(type: "integer", nullable: false),
                    EssentialForPreparedness = table.Column<bool>(type: "boolean", nullable: false),
                    ContinuityPlanReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareUnits_CareOfferRegisters_RegisterId",
                        column: x => x.RegisterId,
                        principalTable: "CareOfferRegisters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlans_RegionId_Year",
                table: "ActionPlans",
                columns: new[] { "RegionId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlans_StrategyId",
                table: "ActionPlans",
                column: "StrategyId");

            migrationBuilder.CreateIndex(
                name: "IX_CareOfferCheckSettings_RegionId_Check",
                table: "CareOfferCheckSettings",
                columns: new[] { "RegionId", "Check" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareOfferProposals_RegionId_Year",
                table: "CareOfferProposals",
                columns: new[] { "RegionId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_CareOfferRegisters_RegionId_Year",
                table: "CareOfferRegisters",
                columns: new[] { "RegionId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CareUnits_RegisterId_Key",
                table: "CareUnits",
                columns: new[] { "RegisterId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_ActionPlanId_Key",
                table: "Initiatives",
                columns: new[] { "ActionPlanId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalChanges_ProposalId",
                table: "ProposalChanges",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_SpecialtyVolumeThresholds_RegionId_Specialty",
                table: "SpecialtyVolumeThresholds",
                columns: new[] { "RegionId", "Specialty" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CareOfferCheckSettings");

            migrationBuilder.DropTable(
                name: "CareUnits");

            migrationBuilder.DropTable(
                name: "Initiatives");

            migrationBuilder.DropTable(
                name: "ProposalChanges");

            migrationBuilder.DropTable(
                name: "SpecialtyVolumeThresholds");

            migrationBuilder.DropTable(
                name: "CareOfferRegisters");

            migrationBuilder.DropTable(
                name: "ActionPlans");

            migrationBuilder.DropTable(
                name: "CareOfferProposals");
        }
    }
}
