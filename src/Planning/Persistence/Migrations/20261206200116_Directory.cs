using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Opiskeluhuolto.Planning.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Directory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DirectoryDatasets",
                columns: table => new
                {
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryDatasets", x => x.Source);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryPeople",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: true),
                    Organisation = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryPeople", x => new { x.Source, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "DirectoryRoles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", nullable: false),
                    DeputyPersonId = table.Column<string>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryRoles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryPeople_Email",
                table: "DirectoryPeople",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryRoles_Role",
                table: "DirectoryRoles",
                column: "Role");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryRoles_Source",
                table: "DirectoryRoles",
                column: "Source");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectoryDatasets");

            migrationBuilder.DropTable(
                name: "DirectoryPeople");

            migrationBuilder.DropTable(
                name: "DirectoryRoles");
        }
    }
}
