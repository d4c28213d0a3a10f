using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Opiskeluhuolto.Planning.Persistence.PostgreSql.Migrations
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
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    ImportedAt = table.Column<long>(type: "bigint", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryDatasets", x => x.Source);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryPeople",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    Language = table.Column<string>(type: "text", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: true),
                    Organisation = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryPeople", x => new { x.Source, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "DirectoryRoles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonId = table.Column<string>(type: "text", nullable: false),
                    DeputyPersonId = table.Column<string>(type: "text", nullable: true),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
