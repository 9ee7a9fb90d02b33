using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fifty.Ops.Data.Migrations.Sqlite
{
    /// <summary>
    /// The first generated migration (<c>dotnet ef migrations add</c>): it brings the model snapshot, and changes nothing.
    /// The five hand-written migrations before it already build exactly this schema (same tables, columns, types,
    /// nullability, keys, foreign keys and indexes; checked against the generated CREATE script, see decision record
    /// 0008, and by <c>MigrationSchemaTests</c>), so a database made by any earlier version upgrades through them and then
    /// records this one. Every schema change from here on is a generated migration.
    /// </summary>
    public partial class GeneratedBaseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
