using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fifty.Ops.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SetupFieldsForYearlyCycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "OriginalBudget",
                table: "ProgrammeNodes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Quarter",
                table: "IndicatorValues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Accumulation",
                table: "Indicators",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                // Existing indicators were all read as cumulative counts before this column existed.
                defaultValue: "Cumulative");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosedOn",
                table: "Campuses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OpenedOn",
                table: "Campuses",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OriginalBudget",
                table: "ProgrammeNodes");

            migrationBuilder.DropColumn(
                name: "Quarter",
                table: "IndicatorValues");

            migrationBuilder.DropColumn(
                name: "Accumulation",
                table: "Indicators");

            migrationBuilder.DropColumn(
                name: "ClosedOn",
                table: "Campuses");

            migrationBuilder.DropColumn(
                name: "OpenedOn",
                table: "Campuses");
        }
    }
}
