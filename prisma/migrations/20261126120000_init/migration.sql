-- Workspaces registered for backup; the token is stored only encrypted (AES-256-GCM).
CREATE TABLE "workspace" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL DEFAULT 'segment-public-api',
    "base_url" TEXT NOT NULL,
    "region" TEXT,
    "token_ciphertext" BYTEA,
    "token_key_id" TEXT,
    "token_fingerprint" TEXT,
    "schedule" TEXT NOT NULL DEFAULT '0 2 * * *',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "schedule_enabled" BOOLEAN NOT NULL DEFAULT true,
    "rate_limit_per_minute" INTEGER,
    "retention_days" INTEGER,
    "segment_workspace_id" TEXT,
    "segment_slug" TEXT,
    "stream_version" INTEGER NOT NULL DEFAULT 0,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workspace_pkey" PRIMARY KEY ("id")
);
-- Names are unique among workspaces still in service; archived ones keep theirs for history.
CREATE UNIQUE INDEX "workspace_active_name_key" ON "workspace" ("name") WHERE "archived_at" IS NULL;

CREATE TABLE "blob" (
    "hash" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "blob_pkey" PRIMARY KEY ("hash")
);

CREATE TABLE "event" (
    "position" BIGSERIAL NOT NULL,
    "workspace_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "kind" TEXT,
    "resource_id" TEXT,
    "natural_key" TEXT,
    "blob_hash" TEXT,
    "cause" TEXT NOT NULL,
    "cause_id" TEXT,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "metadata" JSONB,
    CONSTRAINT "event_pkey" PRIMARY KEY ("position")
);
CREATE UNIQUE INDEX "event_workspace_id_version_key" ON "event" ("workspace_id", "version");
CREATE INDEX "event_workspace_id_kind_resource_id_version_idx" ON "event" ("workspace_id", "kind", "resource_id", "version");
CREATE INDEX "event_workspace_id_observed_at_idx" ON "event" ("workspace_id", "observed_at");

-- Invariant 1: the log is append-only. Updates are refused by the database itself.
CREATE FUNCTION "event_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event rows are append-only (position %)', OLD."position" USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER "event_append_only" BEFORE UPDATE ON "event" FOR EACH ROW EXECUTE FUNCTION "event_refuse_update"();

CREATE TABLE "resource_head" (
    "workspace_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "natural_key" TEXT NOT NULL,
    "blob_hash" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "resource_head_pkey" PRIMARY KEY ("workspace_id", "kind", "resource_id")
);
CREATE INDEX "resource_head_workspace_id_natural_key_idx" ON "resource_head" ("workspace_id", "natural_key");

CREATE TABLE "snapshot" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "cause" TEXT NOT NULL DEFAULT 'snapshot',
    "cause_id" TEXT,
    "scheduled_for" TIMESTAMPTZ(3),
    "job_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "resource_count" INTEGER NOT NULL DEFAULT 0,
    "root_hash" TEXT,
    "unavailable_kinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requests" INTEGER NOT NULL DEFAULT 0,
    "bytes_added" BIGINT NOT NULL DEFAULT 0,
    "progress" JSONB,
    "error" TEXT,
    CONSTRAINT "snapshot_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "snapshot_workspace_id_scheduled_for_key" ON "snapshot" ("workspace_id", "scheduled_for");
CREATE INDEX "snapshot_workspace_id_requested_at_idx" ON "snapshot" ("workspace_id", "requested_at");
-- At most one snapshot of a workspace is queued or running: concurrent triggers join it.
CREATE UNIQUE INDEX "snapshot_one_active_per_workspace" ON "snapshot" ("workspace_id") WHERE "status" IN ('queued', 'running');

CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_key_hash_key" ON "api_key" ("hash");

ALTER TABLE "event" ADD CONSTRAINT "event_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "resource_head" ADD CONSTRAINT "resource_head_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "snapshot" ADD CONSTRAINT "snapshot_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
