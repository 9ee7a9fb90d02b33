using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fifty.Ops.Data.Migrations.Sqlite;

/// <summary>
/// The first schema: reporting periods, the programme hierarchy with budget lines per report section, indicators with
/// their raw cells, campuses and usage, and the institution facts. Written by hand (no EF design-time package here);
/// <c>MigrationSchemaTests</c> proves it creates exactly the schema the model describes.
/// </summary>
[DbContext(typeof(FiftyOpsDbContext))]
[Migration("20261122000000_InitialSchema")]
public partial class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "BudgetSummaryItems",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                AsOf = table.Column<string>(type: "TEXT", nullable: false),
                Side = table.Column<string>(type: "TEXT", nullable: false),
                Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                Item = table.Column<string>(type: "TEXT", nullable: false),
                Amount = table.Column<string>(type: "TEXT", nullable: false),
                IsTotal = table.Column<bool>(type: "INTEGER", nullable: false),
                ParentItem = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BudgetSummaryItems", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Campuses",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Code = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Campuses", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Executives",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                AsOf = table.Column<string>(type: "TEXT", nullable: false),
                Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                Role = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Position = table.Column<string>(type: "TEXT", nullable: true),
                TermRaw = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Executives", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "InstitutionProfiles",
            columns: table => new
            {
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                AsOf = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Address = table.Column<string>(type: "TEXT", nullable: true),
                FoundedOn = table.Column<string>(type: "TEXT", nullable: true),
                LegalForm = table.Column<string>(type: "TEXT", nullable: true),
                Purpose = table.Column<string>(type: "TEXT", nullable: true),
                Mission = table.Column<string>(type: "TEXT", nullable: true),
                Vision = table.Column<string>(type: "TEXT", nullable: true),
                Organisation = table.Column<string>(type: "TEXT", nullable: true),
                BusinessScope = table.Column<string>(type: "TEXT", nullable: false),
                History = table.Column<string>(type: "TEXT", nullable: false),
                CoreValues = table.Column<string>(type: "TEXT", nullable: false),
                ManagementGoals = table.Column<string>(type: "TEXT", nullable: false),
                StrategicDirections = table.Column<string>(type: "TEXT", nullable: false),
                Departments = table.Column<string>(type: "TEXT", nullable: false),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InstitutionProfiles", x => x.Year);
            });

        migrationBuilder.CreateTable(
            name: "PolicyTargets",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Area = table.Column<string>(type: "TEXT", nullable: false),
                Programme = table.Column<string>(type: "TEXT", nullable: false),
                Measure = table.Column<string>(type: "TEXT", nullable: true),
                Unit = table.Column<string>(type: "TEXT", nullable: true),
                BaselineYear = table.Column<int>(type: "INTEGER", nullable: true),
                BaselineValue = table.Column<string>(type: "TEXT", nullable: true),
                TargetYear = table.Column<int>(type: "INTEGER", nullable: true),
                TargetValue = table.Column<string>(type: "TEXT", nullable: true),
                Raw = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PolicyTargets", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ProgrammeCostShares",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                AsOf = table.Column<string>(type: "TEXT", nullable: false),
                Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                Area = table.Column<string>(type: "TEXT", nullable: false),
                Amount = table.Column<string>(type: "TEXT", nullable: false),
                ShareRaw = table.Column<string>(type: "TEXT", nullable: true),
                Note = table.Column<string>(type: "TEXT", nullable: true),
                IsTotal = table.Column<bool>(type: "INTEGER", nullable: false),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProgrammeCostShares", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ProgrammeNodes",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                Code = table.Column<string>(type: "TEXT", nullable: false),
                ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                Level = table.Column<int>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Funding = table.Column<string>(type: "TEXT", nullable: false),
                Tags = table.Column<string>(type: "TEXT", nullable: false),
                SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProgrammeNodes", x => x.Id);
                table.ForeignKey(
                    name: "FK_ProgrammeNodes_ProgrammeNodes_ParentId",
                    column: x => x.ParentId,
                    principalTable: "ProgrammeNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Projects",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                Code = table.Column<string>(type: "TEXT", nullable: false),
                AreaNo = table.Column<int>(type: "INTEGER", nullable: false),
                AreaName = table.Column<string>(type: "TEXT", nullable: false),
                GroupName = table.Column<string>(type: "TEXT", nullable: true),
                Title = table.Column<string>(type: "TEXT", nullable: false),
                Tags = table.Column<string>(type: "TEXT", nullable: false),
                Summary = table.Column<string>(type: "TEXT", nullable: true),
                Audience = table.Column<string>(type: "TEXT", nullable: true),
                Content = table.Column<string>(type: "TEXT", nullable: true),
                TargetText = table.Column<string>(type: "TEXT", nullable: true),
                ActualText = table.Column<string>(type: "TEXT", nullable: true),
                RequiredBudget = table.Column<string>(type: "TEXT", nullable: true),
                ProgrammeCodes = table.Column<string>(type: "TEXT", nullable: false),
                SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Projects", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ReportingPeriods",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                AsOf = table.Column<string>(type: "TEXT", nullable: false),
                Label = table.Column<string>(type: "TEXT", nullable: false),
                IsClosed = table.Column<bool>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportingPeriods", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "StaffingEntries",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                AsOf = table.Column<string>(type: "TEXT", nullable: false),
                Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                Unit = table.Column<string>(type: "TEXT", nullable: false),
                Grade = table.Column<string>(type: "TEXT", nullable: false),
                Authorized = table.Column<int>(type: "INTEGER", nullable: true),
                Current = table.Column<int>(type: "INTEGER", nullable: true),
                Separate = table.Column<int>(type: "INTEGER", nullable: true),
                Raw = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StaffingEntries", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "CampusFacilities",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                CampusId = table.Column<int>(type: "INTEGER", nullable: false),
                ReportYear = table.Column<int>(type: "INTEGER", nullable: false),
                NameInSource = table.Column<string>(type: "TEXT", nullable: false),
                OpenedOn = table.Column<string>(type: "TEXT", nullable: true),
                OpenedRaw = table.Column<string>(type: "TEXT", nullable: true),
                Status = table.Column<string>(type: "TEXT", nullable: false),
                Address = table.Column<string>(type: "TEXT", nullable: true),
                FloorAreaM2 = table.Column<string>(type: "TEXT", nullable: true),
                ManagedAreaM2 = table.Column<string>(type: "TEXT", nullable: true),
                FloorsRaw = table.Column<string>(type: "TEXT", nullable: true),
                MainRooms = table.Column<string>(type: "TEXT", nullable: true),
                Note = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CampusFacilities", x => x.Id);
                table.ForeignKey(
                    name: "FK_CampusFacilities_Campuses_CampusId",
                    column: x => x.CampusId,
                    principalTable: "Campuses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CampusProgrammeResults",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                CampusId = table.Column<int>(type: "INTEGER", nullable: false),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                AsOf = table.Column<string>(type: "TEXT", nullable: false),
                Category = table.Column<string>(type: "TEXT", nullable: false),
                SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                Target = table.Column<string>(type: "TEXT", nullable: true),
                Actual = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CampusProgrammeResults", x => x.Id);
                table.ForeignKey(
                    name: "FK_CampusProgrammeResults_Campuses_CampusId",
                    column: x => x.CampusId,
                    principalTable: "Campuses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CampusUsages",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                CampusId = table.Column<int>(type: "INTEGER", nullable: false),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                Month = table.Column<int>(type: "INTEGER", nullable: false),
                Visits = table.Column<int>(type: "INTEGER", nullable: true),
                CourseParticipants = table.Column<int>(type: "INTEGER", nullable: true),
                CounsellingCases = table.Column<int>(type: "INTEGER", nullable: true),
                Communities = table.Column<int>(type: "INTEGER", nullable: true),
                OccupiedSeats = table.Column<int>(type: "INTEGER", nullable: true),
                IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                UpdatedAt = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CampusUsages", x => x.Id);
                table.CheckConstraint("CK_CampusUsages_Month", "\"Month\" BETWEEN 1 AND 12");
                table.CheckConstraint("CK_CampusUsages_NonNegative", "COALESCE(\"Visits\",0) >= 0 AND COALESCE(\"CourseParticipants\",0) >= 0 AND COALESCE(\"CounsellingCases\",0) >= 0 AND COALESCE(\"Communities\",0) >= 0 AND COALESCE(\"OccupiedSeats\",0) >= 0");
                table.ForeignKey(
                    name: "FK_CampusUsages_Campuses_CampusId",
                    column: x => x.CampusId,
                    principalTable: "Campuses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "SharedOffices",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                CampusId = table.Column<int>(type: "INTEGER", nullable: true),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                Seats = table.Column<int>(type: "INTEGER", nullable: true),
                PrivateSeats = table.Column<int>(type: "INTEGER", nullable: true),
                OpenSeats = table.Column<int>(type: "INTEGER", nullable: true),
                AreaM2 = table.Column<string>(type: "TEXT", nullable: true),
                OccupiedSeats = table.Column<int>(type: "INTEGER", nullable: true),
                SeatsRaw = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SharedOffices", x => x.Id);
                table.ForeignKey(
                    name: "FK_SharedOffices_Campuses_CampusId",
                    column: x => x.CampusId,
                    principalTable: "Campuses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Indicators",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                Code = table.Column<string>(type: "TEXT", nullable: false),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                Field = table.Column<string>(type: "TEXT", nullable: false),
                Name = table.Column<string>(type: "TEXT", nullable: false),
                Unit = table.Column<string>(type: "TEXT", nullable: false),
                Direction = table.Column<string>(type: "TEXT", nullable: false),
                CautionThreshold = table.Column<string>(type: "TEXT", nullable: true),
                SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                Note = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Indicators", x => x.Id);
                table.ForeignKey(
                    name: "FK_Indicators_Projects_ProjectId",
                    column: x => x.ProjectId,
                    principalTable: "Projects",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "BudgetLines",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ReportingPeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                ProgrammeNodeId = table.Column<int>(type: "INTEGER", nullable: true),
                Section = table.Column<string>(type: "TEXT", nullable: false),
                RowInSection = table.Column<int>(type: "INTEGER", nullable: false),
                NameInSource = table.Column<string>(type: "TEXT", nullable: false),
                CurrentBudget = table.Column<string>(type: "TEXT", nullable: true),
                Original = table.Column<string>(type: "TEXT", nullable: true),
                Supplementary = table.Column<string>(type: "TEXT", nullable: true),
                Transfers = table.Column<string>(type: "TEXT", nullable: true),
                Committed = table.Column<string>(type: "TEXT", nullable: true),
                Disbursed = table.Column<string>(type: "TEXT", nullable: true),
                Forecast = table.Column<string>(type: "TEXT", nullable: true),
                RateCommittedRaw = table.Column<string>(type: "TEXT", nullable: true),
                RateDisbursedRaw = table.Column<string>(type: "TEXT", nullable: true),
                ForecastRateRaw = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BudgetLines", x => x.Id);
                table.ForeignKey(
                    name: "FK_BudgetLines_ProgrammeNodes_ProgrammeNodeId",
                    column: x => x.ProgrammeNodeId,
                    principalTable: "ProgrammeNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_BudgetLines_ReportingPeriods_ReportingPeriodId",
                    column: x => x.ReportingPeriodId,
                    principalTable: "ReportingPeriods",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ProjectNarratives",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                ReportingPeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                Depth = table.Column<int>(type: "INTEGER", nullable: false),
                Text = table.Column<string>(type: "TEXT", nullable: false),
                ScheduleRaw = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProjectNarratives", x => x.Id);
                table.ForeignKey(
                    name: "FK_ProjectNarratives_Projects_ProjectId",
                    column: x => x.ProjectId,
                    principalTable: "Projects",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ProjectNarratives_ReportingPeriods_ReportingPeriodId",
                    column: x => x.ReportingPeriodId,
                    principalTable: "ReportingPeriods",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "IndicatorComments",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                ReportingPeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                Cause = table.Column<string>(type: "TEXT", nullable: false),
                Action = table.Column<string>(type: "TEXT", nullable: false),
                Author = table.Column<string>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IndicatorComments", x => x.Id);
                table.ForeignKey(
                    name: "FK_IndicatorComments_Indicators_IndicatorId",
                    column: x => x.IndicatorId,
                    principalTable: "Indicators",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_IndicatorComments_ReportingPeriods_ReportingPeriodId",
                    column: x => x.ReportingPeriodId,
                    principalTable: "ReportingPeriods",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "IndicatorValues",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                Year = table.Column<int>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", nullable: false),
                AsOf = table.Column<string>(type: "TEXT", nullable: true),
                AsOfRaw = table.Column<string>(type: "TEXT", nullable: true),
                Raw = table.Column<string>(type: "TEXT", nullable: false),
                Value = table.Column<string>(type: "TEXT", nullable: true),
                SubValue = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IndicatorValues", x => x.Id);
                table.ForeignKey(
                    name: "FK_IndicatorValues_Indicators_IndicatorId",
                    column: x => x.IndicatorId,
                    principalTable: "Indicators",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_BudgetLines_ProgrammeNodeId",
            table: "BudgetLines",
            column: "ProgrammeNodeId");

        migrationBuilder.CreateIndex(
            name: "IX_BudgetLines_ReportingPeriodId_Section_RowInSection",
            table: "BudgetLines",
            columns: new[] { "ReportingPeriodId", "Section", "RowInSection" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_BudgetSummaryItems_Year_Side_Ordinal",
            table: "BudgetSummaryItems",
            columns: new[] { "Year", "Side", "Ordinal" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Campuses_Code",
            table: "Campuses",
            column: "Code", unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_CampusFacilities_CampusId_ReportYear",
            table: "CampusFacilities",
            columns: new[] { "CampusId", "ReportYear" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_CampusProgrammeResults_CampusId_Year",
            table: "CampusProgrammeResults",
            columns: new[] { "CampusId", "Year" });

        migrationBuilder.CreateIndex(
            name: "IX_CampusUsages_CampusId_Year_Month_IsDemo",
            table: "CampusUsages",
            columns: new[] { "CampusId", "Year", "Month", "IsDemo" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Executives_Year_Ordinal",
            table: "Executives",
            columns: new[] { "Year", "Ordinal" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_IndicatorComments_IndicatorId_ReportingPeriodId",
            table: "IndicatorComments",
            columns: new[] { "IndicatorId", "ReportingPeriodId" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_IndicatorComments_ReportingPeriodId",
            table: "IndicatorComments",
            column: "ReportingPeriodId");

        migrationBuilder.CreateIndex(
            name: "IX_Indicators_ProjectId",
            table: "Indicators",
            column: "ProjectId");

        migrationBuilder.CreateIndex(
            name: "IX_Indicators_Year_Code",
            table: "Indicators",
            columns: new[] { "Year", "Code" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_IndicatorValues_IndicatorId_Year_Kind",
            table: "IndicatorValues",
            columns: new[] { "IndicatorId", "Year", "Kind" });

        migrationBuilder.CreateIndex(
            name: "IX_ProgrammeCostShares_Year_Ordinal",
            table: "ProgrammeCostShares",
            columns: new[] { "Year", "Ordinal" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ProgrammeNodes_ParentId",
            table: "ProgrammeNodes",
            column: "ParentId");

        migrationBuilder.CreateIndex(
            name: "IX_ProgrammeNodes_Year_Code",
            table: "ProgrammeNodes",
            columns: new[] { "Year", "Code" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ProjectNarratives_ProjectId_ReportingPeriodId_Kind_Ordinal",
            table: "ProjectNarratives",
            columns: new[] { "ProjectId", "ReportingPeriodId", "Kind", "Ordinal" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ProjectNarratives_ReportingPeriodId",
            table: "ProjectNarratives",
            column: "ReportingPeriodId");

        migrationBuilder.CreateIndex(
            name: "IX_Projects_Year_Code",
            table: "Projects",
            columns: new[] { "Year", "Code" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ReportingPeriods_Year_Quarter",
            table: "ReportingPeriods",
            columns: new[] { "Year", "Quarter" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SharedOffices_CampusId",
            table: "SharedOffices",
            column: "CampusId");

        migrationBuilder.CreateIndex(
            name: "IX_SharedOffices_Year_CampusId",
            table: "SharedOffices",
            columns: new[] { "Year", "CampusId" });

        migrationBuilder.CreateIndex(
            name: "IX_StaffingEntries_Year_Ordinal",
            table: "StaffingEntries",
            columns: new[] { "Year", "Ordinal" }, unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "IndicatorValues");
        migrationBuilder.DropTable(name: "IndicatorComments");
        migrationBuilder.DropTable(name: "ProjectNarratives");
        migrationBuilder.DropTable(name: "BudgetLines");
        migrationBuilder.DropTable(name: "Indicators");
        migrationBuilder.DropTable(name: "SharedOffices");
        migrationBuilder.DropTable(name: "CampusUsages");
        migrationBuilder.DropTable(name: "CampusProgrammeResults");
        migrationBuilder.DropTable(name: "CampusFacilities");
        migrationBuilder.DropTable(name: "StaffingEntries");
        migrationBuilder.DropTable(name: "ReportingPeriods");
        migrationBuilder.DropTable(name: "Projects");
        migrationBuilder.DropTable(name: "ProgrammeNodes");
        migrationBuilder.DropTable(name: "ProgrammeCostShares");
        migrationBuilder.DropTable(name: "PolicyTargets");
        migrationBuilder.DropTable(name: "InstitutionProfiles");
        migrationBuilder.DropTable(name: "Executives");
        migrationBuilder.DropTable(name: "Campuses");
        migrationBuilder.DropTable(name: "BudgetSummaryItems");
    }
}
