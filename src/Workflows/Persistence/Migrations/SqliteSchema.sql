CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "ActivityExecutions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ActivityExecutions" PRIMARY KEY,
    "WorkflowInstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "ActivityNodeId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL,
    "Data" TEXT NOT NULL
);

CREATE TABLE "Audit" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Audit" PRIMARY KEY AUTOINCREMENT,
    "WorkflowInstanceId" TEXT NOT NULL,
    "Timestamp" INTEGER NOT NULL,
    "Event" TEXT NOT NULL,
    "Actor" TEXT NULL,
    "Detail" TEXT NULL,
    "UserAgent" TEXT NULL
);

CREATE TABLE "BookmarkQueue" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BookmarkQueue" PRIMARY KEY AUTOINCREMENT,
    "Hash" TEXT NOT NULL,
    "WorkflowInstanceId" TEXT NULL,
    "CorrelationId" TEXT NULL,
    "Input" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL
);

CREATE TABLE "Bookmarks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Bookmarks" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "WorkflowInstanceId" TEXT NOT NULL,
    "ActivityInstanceId" TEXT NOT NULL,
    "ActivityNodeId" TEXT NOT NULL,
    "CorrelationId" TEXT NULL,
    "DueAt" INTEGER NULL,
    "Payload" TEXT NULL,
    "Metadata" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "ClusterNodes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ClusterNodes" PRIMARY KEY,
    "MachineName" TEXT NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NOT NULL,
    "Xml" TEXT NOT NULL
);

CREATE TABLE "Incidents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Incidents" PRIMARY KEY AUTOINCREMENT,
    "WorkflowInstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "ActivityType" TEXT NOT NULL,
    "Message" TEXT NOT NULL,
    "Timestamp" INTEGER NOT NULL,
    "Data" TEXT NOT NULL
);

CREATE TABLE "Outbox" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY AUTOINCREMENT,
    "WorkflowInstanceId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "LastError" TEXT NULL,
    "IsDeadLetter" INTEGER NOT NULL,
    "ClaimedAt" INTEGER NULL,
    "ClaimedBy" TEXT NULL
);

CREATE TABLE "Triggers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Triggers" PRIMARY KEY,
    "WorkflowDefinitionId" TEXT NOT NULL,
    "WorkflowDefinitionVersionId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "Payload" TEXT NULL
);

CREATE TABLE "WorkflowDefinitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowDefinitions" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "Description" TEXT NULL,
    "IsLatest" INTEGER NOT NULL,
    "IsPublished" INTEGER NOT NULL,
    "IsSystem" INTEGER NOT NULL,
    "IsReadonly" INTEGER NOT NULL,
    "UsableAsActivity" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ToolVersion" TEXT NULL,
    "Source" TEXT NULL,
    "SourceHash" TEXT NULL,
    "Data" TEXT NOT NULL
);

CREATE TABLE "WorkflowExecutionLog" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowExecutionLog" PRIMARY KEY,
    "WorkflowInstanceId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "NodeId" TEXT NOT NULL,
    "ActivityType" TEXT NOT NULL,
    "EventName" TEXT NULL,
    "Timestamp" INTEGER NOT NULL,
    "Data" TEXT NOT NULL
);

CREATE TABLE "WorkflowInstances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "DefinitionVersionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "ParentWorkflowInstanceId" TEXT NULL,
    "CorrelationId" TEXT NULL,
    "Name" TEXT NULL,
    "Status" TEXT NOT NULL,
    "SubStatus" TEXT NOT NULL,
    "IncidentCount" INTEGER NOT NULL,
    "IsSystem" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "Revision" INTEGER NOT NULL,
    "Data" TEXT NOT NULL
);

CREATE INDEX "IX_ActivityExecutions_WorkflowInstanceId_ActivityNodeId" ON "ActivityExecutions" ("WorkflowInstanceId", "ActivityNodeId");

CREATE INDEX "IX_Audit_WorkflowInstanceId_Timestamp" ON "Audit" ("WorkflowInstanceId", "Timestamp");

CREATE INDEX "IX_BookmarkQueue_Hash" ON "BookmarkQueue" ("Hash");

CREATE INDEX "IX_Bookmarks_DueAt" ON "Bookmarks" ("DueAt");

CREATE INDEX "IX_Bookmarks_Hash_CorrelationId" ON "Bookmarks" ("Hash", "CorrelationId");

CREATE INDEX "IX_Bookmarks_Hash_WorkflowInstanceId" ON "Bookmarks" ("Hash", "WorkflowInstanceId");

CREATE INDEX "IX_Bookmarks_WorkflowInstanceId" ON "Bookmarks" ("WorkflowInstanceId");

CREATE INDEX "IX_Incidents_WorkflowInstanceId" ON "Incidents" ("WorkflowInstanceId");

CREATE INDEX "IX_Outbox_InFlight" ON "Outbox" ("WorkflowInstanceId", "Id") WHERE "ClaimedAt" IS NOT NULL;

CREATE INDEX "IX_Outbox_IsDeadLetter_NextAttemptAt" ON "Outbox" ("IsDeadLetter", "NextAttemptAt");

CREATE INDEX "IX_Triggers_Hash" ON "Triggers" ("Hash");

CREATE INDEX "IX_Triggers_WorkflowDefinitionId" ON "Triggers" ("WorkflowDefinitionId");

CREATE UNIQUE INDEX "IX_WorkflowDefinitions_DefinitionId_Version" ON "WorkflowDefinitions" ("DefinitionId", "Version");

CREATE INDEX "IX_WorkflowDefinitions_IsLatest_IsPublished" ON "WorkflowDefinitions" ("IsLatest", "IsPublished");

CREATE INDEX "IX_WorkflowDefinitions_Name" ON "WorkflowDefinitions" ("Name");

CREATE INDEX "IX_WorkflowExecutionLog_WorkflowInstanceId_Sequence" ON "WorkflowExecutionLog" ("WorkflowInstanceId", "Sequence");

CREATE INDEX "IX_WorkflowInstances_CorrelationId" ON "WorkflowInstances" ("CorrelationId");

CREATE INDEX "IX_WorkflowInstances_CreatedAt" ON "WorkflowInstances" ("CreatedAt");

CREATE INDEX "IX_WorkflowInstances_DefinitionId" ON "WorkflowInstances" ("DefinitionId");

CREATE INDEX "IX_WorkflowInstances_Status_SubStatus" ON "WorkflowInstances" ("Status", "SubStatus");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125112215_OutboxInFlightIndex', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AlterationJobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AlterationJobs" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "WorkflowInstanceId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Log" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL
);

CREATE TABLE "AlterationPlans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AlterationPlans" PRIMARY KEY,
    "Status" TEXT NOT NULL,
    "Alterations" TEXT NOT NULL,
    "Filter" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "StartedAt" INTEGER NULL,
    "CompletedAt" INTEGER NULL
);

CREATE INDEX "IX_AlterationJobs_PlanId" ON "AlterationJobs" ("PlanId");

CREATE INDEX "IX_AlterationJobs_Status_CreatedAt" ON "AlterationJobs" ("Status", "CreatedAt");

CREATE INDEX "IX_AlterationPlans_Status" ON "AlterationPlans" ("Status");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207044414_Alterations', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "SentEffects" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SentEffects" PRIMARY KEY AUTOINCREMENT,
    "OutboxId" INTEGER NOT NULL,
    "WorkflowInstanceId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "Title" TEXT NULL,
    "QueuedAt" INTEGER NOT NULL,
    "SentAt" INTEGER NOT NULL
);

CREATE INDEX "IX_SentEffects_Recipient_SentAt" ON "SentEffects" ("Recipient", "SentAt");

CREATE INDEX "IX_SentEffects_WorkflowInstanceId_SentAt" ON "SentEffects" ("WorkflowInstanceId", "SentAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207094114_SentEffects', '10.0.15');

COMMIT;

