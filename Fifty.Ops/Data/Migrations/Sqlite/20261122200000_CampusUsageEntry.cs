using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fifty.Ops.Data.Migrations.Sqlite;

/// <summary>
/// Campus usage: the shared-office occupancy a source states in words or as a rate, and the programme rows a report
/// ties to one site (for cost per participant). Written by hand; <c>MigrationSchemaTests</c> checks it against the model.
/// </summary>
[DbContext(typeof(FiftyOpsDbContext))]
[Migration("20261122200000_CampusUsageEntry")]
public partial class CampusUsageEntry : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "OccupancyRaw", table: "SharedOffices", type: "TEXT", nullable: true);
        migrationBuilder.AddColumn<string>(name: "Note", table: "SharedOffices", type: "TEXT", nullable: true);

        migrationBuilder.CreateTable(
            name: "CampusBudgetLinks",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                CampusId = table.Column<int>(type: "INTEGER", nullable: false),
                ProgrammeNodeId = table.Column<int>(type: "INTEGER", nullable: false),
                Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                Note = table.Column<string>(type: "TEXT", nullable: true),
                SourceDoc = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                SourceSection = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CampusBudgetLinks", x => x.Id);
                table.ForeignKey(
                    name: "FK_CampusBudgetLinks_Campuses_CampusId",
                    column: x => x.CampusId,
                    principalTable: "Campuses",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_CampusBudgetLinks_ProgrammeNodes_ProgrammeNodeId",
                    column: x => x.ProgrammeNodeId,
                    principalTable: "ProgrammeNodes",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_CampusBudgetLinks_CampusId_ProgrammeNodeId",
            table: "CampusBudgetLinks",
            columns: new[] { "CampusId", "ProgrammeNodeId" }, unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_CampusBudgetLinks_ProgrammeNodeId",
            table: "CampusBudgetLinks",
            column: "ProgrammeNodeId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CampusBudgetLinks");
        migrationBuilder.DropColumn(name: "Note", table: "SharedOffices");
        migrationBuilder.DropColumn(name: "OccupancyRaw", table: "SharedOffices");
    }
}
