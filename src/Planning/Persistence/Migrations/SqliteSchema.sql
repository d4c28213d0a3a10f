CREATE TABLE IF NOT EXISTS "__PlanningMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___PlanningMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "DirectoryDatasets" (
    "Source" TEXT NOT NULL CONSTRAINT "PK_DirectoryDatasets" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Name" TEXT NULL,
    "ImportedAt" INTEGER NOT NULL,
    "Json" TEXT NOT NULL
);

CREATE TABLE "DirectoryPeople" (
    "Id" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Name" TEXT NULL,
    "Language" TEXT NOT NULL,
    "Title" TEXT NULL,
    "Organisation" TEXT NULL,
    CONSTRAINT "PK_DirectoryPeople" PRIMARY KEY ("Source", "Id")
);

CREATE TABLE "DirectoryRoles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DirectoryRoles" PRIMARY KEY AUTOINCREMENT,
    "Role" TEXT NOT NULL,
    "PersonId" TEXT NOT NULL,
    "DeputyPersonId" TEXT NULL,
    "Description" TEXT NULL,
    "Source" TEXT NOT NULL
);

CREATE INDEX "IX_DirectoryPeople_Email" ON "DirectoryPeople" ("Email");

CREATE INDEX "IX_DirectoryRoles_Role" ON "DirectoryRoles" ("Role");

CREATE INDEX "IX_DirectoryRoles_Source" ON "DirectoryRoles" ("Source");

INSERT INTO "__PlanningMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206200116_Directory', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ApprovalSeats" (
    "Email" TEXT NOT NULL,
    "WorkflowInstanceId" TEXT NOT NULL,
    "SeatId" TEXT NOT NULL,
    CONSTRAINT "PK_ApprovalSeats" PRIMARY KEY ("WorkflowInstanceId", "SeatId", "Email")
);

CREATE INDEX "IX_ApprovalSeats_Email" ON "ApprovalSeats" ("Email");

INSERT INTO "__PlanningMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207013547_ApprovalSeats', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "CycleRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CycleRecords" PRIMARY KEY,
    "CycleInstanceId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Data" TEXT NOT NULL,
    "RecordedBy" TEXT NULL,
    "RecordedAt" INTEGER NOT NULL,
    "SourceInstanceId" TEXT NULL
);

CREATE INDEX "IX_CycleRecords_CycleInstanceId_Kind_RecordedAt" ON "CycleRecords" ("CycleInstanceId", "Kind", "RecordedAt");

INSERT INTO "__PlanningMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207070314_CycleRecords', '10.0.15');

COMMIT;

