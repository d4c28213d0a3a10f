using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Opiskeluhuolto.Workflows.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SentEffects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SentEffects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OutboxId = table.Column<long>(type: "bigint", nullable: false),
                    WorkflowInstanceId = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    QueuedAt = table.Column<long>(type: "bigint", nullable: false),
                    SentAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SentEffects", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SentEffects_Recipient_SentAt",
                table: "SentEffects",
                columns: new[] { "Recipient", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SentEffects_WorkflowInstanceId_SentAt",
                table: "SentEffects",
                columns: new[] { "WorkflowInstanceId", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SentEffects");
        }
    }
}
