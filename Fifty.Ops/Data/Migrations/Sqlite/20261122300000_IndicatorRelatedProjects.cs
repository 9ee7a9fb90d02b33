using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fifty.Ops.Data.Migrations.Sqlite;

/// <summary>Headline results link to the projects they summarise (an editorial link, stated with its basis).</summary>
[DbContext(typeof(FiftyOpsDbContext))]
[Migration("20261122300000_IndicatorRelatedProjects")]
public partial class IndicatorRelatedProjects : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "RelatedProjectCodes", table: "Indicators", type: "TEXT", nullable: false, defaultValue: "[]");
        migrationBuilder.AddColumn<string>(name: "RelatedBasis", table: "Indicators", type: "TEXT", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "RelatedProjectCodes", table: "Indicators");
        migrationBuilder.DropColumn(name: "RelatedBasis", table: "Indicators");
    }
}
