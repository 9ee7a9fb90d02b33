using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fifty.Ops.Data.Migrations.Sqlite;

/// <summary>
/// Quarterly data entry: a concurrency <c>Version</c> and who/when on every record a form or the import edits, the
/// period a planner's indicator cell belongs to, period close/reopen details with their history, and the log of
/// committed imports. Written by hand; <c>MigrationSchemaTests</c> checks it against the model.
/// </summary>
[DbContext(typeof(FiftyOpsDbContext))]
[Migration("20261122500000_DataEntryAndPeriodClose")]
public partial class DataEntryAndPeriodClose : Migration
{
    private static readonly string[] VersionedTables = ["ReportingPeriods", "CampusUsages", "BudgetLines", "ProjectNarratives", "IndicatorValues", "IndicatorComments"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in VersionedTables)
        {
            migrationBuilder.AddColumn<int>(name: "Version", table: table, type: "INTEGER", nullable: false, defaultValue: 0);
        }

        migrationBuilder.AddColumn<string>(name: "ClosedAt", table: "ReportingPeriods", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ClosedBy", table: "ReportingPeriods", type: "TEXT", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>(name: "ReopenedAt", table: "ReportingPeriods", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<string>(name: "ReopenedBy", table: "ReportingPeriods", type: "TEXT", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>(name: "ReopenReason", table: "ReportingPeriods", type: "TEXT", maxLength: 500, nullable: true);

        migrationBuilder.AddColumn<string>(name: "UpdatedBy", table: "CampusUsages", type: "TEXT", maxLength: 100, nullable: true);
        foreach (var table in new[] { "BudgetLines", "ProjectNarratives", "IndicatorValues" })
        {
            migrationBuilder.AddColumn<string>(name: "UpdatedAt", table: table, type: "TEXT", nullable: true);
            migrationBuilder.AddColumn<string>(name: "UpdatedBy", table: table, type: "TEXT", maxLength: 100, nullable: true);
        }

        // SQLite adds a column with its foreign key in place (a nullable column may carry REFERENCES), which spares
        // rebuilding the table; the model states the same relationship.
        migrationBuilder.Sql("""ALTER TABLE "IndicatorValues" ADD "ReportingPeriodId" INTEGER NULL REFERENCES "ReportingPeriods" ("Id") ON DELETE RESTRICT;""");
        migrationBuilder.CreateIndex(
            name: "IX_IndicatorValues_IndicatorId_Year_Kind_ReportingPeriodId",
            table: "IndicatorValues",
            columns: new[] { "IndicatorId", "Year", "Kind", "ReportingPeriodId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_IndicatorValues_ReportingPeriodId", table: "IndicatorValues", column: "ReportingPeriodId");

        migrationBuilder.CreateTable(
            name: "PeriodStatusChanges",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ReportingPeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                At = table.Column<string>(type: "TEXT", nullable: false),
                By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PeriodStatusChanges", x => x.Id);
                table.ForeignKey(
                    name: "FK_PeriodStatusChanges_ReportingPeriods_ReportingPeriodId",
                    column: x => x.ReportingPeriodId,
                    principalTable: "ReportingPeriods",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_PeriodStatusChanges_ReportingPeriodId", table: "PeriodStatusChanges", column: "ReportingPeriodId");

        migrationBuilder.CreateTable(
            name: "ImportBatches",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ReportingPeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                ChangeCount = table.Column<int>(type: "INTEGER", nullable: false),
                ImportedAt = table.Column<string>(type: "TEXT", nullable: false),
                ImportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ImportBatches", x => x.Id);
                table.ForeignKey(
                    name: "FK_ImportBatches_ReportingPeriods_ReportingPeriodId",
                    column: x => x.ReportingPeriodId,
                    principalTable: "ReportingPeriods",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(
            name: "IX_ImportBatches_ReportingPeriodId_ContentHash",
            table: "ImportBatches",
            columns: new[] { "ReportingPeriodId", "ContentHash" });

        // Rows that existed before versioning start at version 1, as a newly added row does.
        foreach (var table in VersionedTables)
        {
            migrationBuilder.Sql($"""UPDATE "{table}" SET "Version" = 1;""");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ImportBatches");
        migrationBuilder.DropTable(name: "PeriodStatusChanges");
        migrationBuilder.DropIndex(name: "IX_IndicatorValues_ReportingPeriodId", table: "IndicatorValues");
        migrationBuilder.DropIndex(name: "IX_IndicatorValues_IndicatorId_Year_Kind_ReportingPeriodId", table: "IndicatorValues");
        migrationBuilder.DropColumn(name: "ReportingPeriodId", table: "IndicatorValues");
        foreach (var table in new[] { "BudgetLines", "ProjectNarratives", "IndicatorValues" })
        {
            migrationBuilder.DropColumn(name: "UpdatedBy", table: table);
            migrationBuilder.DropColumn(name: "UpdatedAt", table: table);
        }

        migrationBuilder.DropColumn(name: "UpdatedBy", table: "CampusUsages");
        foreach (var column in new[] { "ReopenReason", "ReopenedBy", "ReopenedAt", "ClosedBy", "ClosedAt" })
        {
            migrationBuilder.DropColumn(name: column, table: "ReportingPeriods");
        }

        foreach (var table in VersionedTables)
        {
            migrationBuilder.DropColumn(name: "Version", table: table);
        }
    }
}
