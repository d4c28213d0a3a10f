using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Opiskeluhuolto.Planning.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalSeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApprovalSeats",
                columns: table => new
                {
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    WorkflowInstanceId = table.Column<string>(type: "text", nullable: false),
                    SeatId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalSeats", x => new { x.WorkflowInstanceId, x.SeatId, x.Email });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalSeats_Email",
                table: "ApprovalSeats",
                column: "Email");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApprovalSeats");
        }
    }
}
