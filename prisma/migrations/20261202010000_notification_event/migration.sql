-- The notification outbox: what happened, once per occurrence (dedup_key), before any delivery.
-- No foreign key: an event outlives a purged workspace, like the audit log.
CREATE TABLE "notification_event" (
    "id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "workspace_id" UUID NOT NULL,
    "workspace_name" TEXT NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_event_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "notification_event_dedup_key_key" ON "notification_event" ("dedup_key");
CREATE INDEX "notification_event_workspace_id_at_idx" ON "notification_event" ("workspace_id", "at");
