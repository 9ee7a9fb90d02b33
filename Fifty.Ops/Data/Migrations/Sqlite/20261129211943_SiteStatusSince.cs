using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fifty.Ops.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SiteStatusSince : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "StatusSince",
                table: "CampusFacilities",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StatusSince",
                table: "CampusFacilities");
        }
    }
}
