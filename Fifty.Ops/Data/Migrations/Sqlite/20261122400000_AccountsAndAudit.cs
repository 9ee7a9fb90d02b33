using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fifty.Ops.Data.Migrations.Sqlite;

/// <summary>
/// Local accounts with the four fixed roles, and the append-only audit trail. The two triggers exist only in migrated
/// databases (EF cannot model them): they make SQLite itself refuse to change or delete an audit row.
/// </summary>
[DbContext(typeof(FiftyOpsDbContext))]
[Migration("20261122400000_AccountsAndAudit")]
public partial class AccountsAndAudit : Migration
{
    internal const string NoUpdateTrigger = "AuditEntries_NoUpdate";
    internal const string NoDeleteTrigger = "AuditEntries_NoDelete";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                OccurredUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                UserId = table.Column<int>(type: "INTEGER", nullable: true),
                UserName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                IpAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                ObjectType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                ObjectId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                OldValue = table.Column<string>(type: "TEXT", nullable: true),
                NewValue = table.Column<string>(type: "TEXT", nullable: true),
                Detail = table.Column<string>(type: "TEXT", nullable: true),
                PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Roles",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                NormalizedName = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                Label = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Roles", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                UserName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                SecurityStamp = table.Column<string>(type: "TEXT", nullable: false),
                ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: false),
                IsDisabled = table.Column<bool>(type: "INTEGER", nullable: false),
                LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false),
                IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                LastSignInAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Users", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "UserRoles",
            columns: table => new
            {
                UserId = table.Column<int>(type: "INTEGER", nullable: false),
                RoleId = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey(
                    name: "FK_UserRoles_Roles_RoleId",
                    column: x => x.RoleId,
                    principalTable: "Roles",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey(
                    name: "FK_UserRoles_Users_UserId",
                    column: x => x.UserId,
                    principalTable: "Users",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.InsertData(
            table: "Roles",
            columns: new[] { "Id", "Label", "Name", "NormalizedName" },
            // No model snapshot here (hand-written migrations), so the column types are stated.
            columnTypes: new[] { "INTEGER", "TEXT", "TEXT", "TEXT" },
            values: new object[,]
            {
                { 1, "시스템관리자", "admin", "ADMIN" },
                { 2, "기획담당", "planner", "PLANNER" },
                { 3, "간부", "director", "DIRECTOR" },
                { 4, "감사담당", "auditor", "AUDITOR" },
            });

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_Kind",
            table: "AuditEntries",
            column: "Kind");

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_ObjectType_ObjectId",
            table: "AuditEntries",
            columns: new[] { "ObjectType", "ObjectId" });

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_OccurredUtc",
            table: "AuditEntries",
            column: "OccurredUtc");

        migrationBuilder.CreateIndex(
            name: "IX_AuditEntries_UserName",
            table: "AuditEntries",
            column: "UserName");

        migrationBuilder.CreateIndex(
            name: "IX_Roles_NormalizedName",
            table: "Roles",
            column: "NormalizedName",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_UserRoles_RoleId",
            table: "UserRoles",
            column: "RoleId");

        migrationBuilder.CreateIndex(
            name: "IX_Users_NormalizedUserName",
            table: "Users",
            column: "NormalizedUserName",
            unique: true);

        migrationBuilder.Sql($"""
            CREATE TRIGGER "{NoUpdateTrigger}" BEFORE UPDATE ON "AuditEntries"
            BEGIN SELECT RAISE(ABORT, 'AuditEntries are append-only: rows cannot be changed'); END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "{NoDeleteTrigger}" BEFORE DELETE ON "AuditEntries"
            BEGIN SELECT RAISE(ABORT, 'AuditEntries are append-only: rows cannot be deleted'); END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{NoDeleteTrigger}";""");
        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{NoUpdateTrigger}";""");
        migrationBuilder.DropTable(name: "AuditEntries");
        migrationBuilder.DropTable(name: "UserRoles");
        migrationBuilder.DropTable(name: "Roles");
        migrationBuilder.DropTable(name: "Users");
    }
}
