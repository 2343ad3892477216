-- Restore and copy plans, their steps, and the lasting map of which target resource each source
-- resource became.
CREATE TABLE "plan" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "target_workspace_id" UUID NOT NULL,
    "source_workspace_id" UUID NOT NULL,
    "source_version" INTEGER NOT NULL,
    "source_requested" TEXT NOT NULL,
    "live_version" INTEGER,
    "pre_apply_version" INTEGER,
    "verify_version" INTEGER,
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "options" JSONB NOT NULL,
    "secrets_ciphertext" BYTEA,
    "secrets_key_id" TEXT,
    "summary" JSONB,
    "conflicts" JSONB,
    "report" JSONB,
    "progress" JSONB,
    "error" TEXT,
    "requested_by" TEXT,
    "approved_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "planned_at" TIMESTAMPTZ(3),
    "approved_at" TIMESTAMPTZ(3),
    "apply_started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "plan_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "plan_target_workspace_id_created_at_idx" ON "plan" ("target_workspace_id", "created_at");
-- At most one plan per target workspace is being applied.
CREATE UNIQUE INDEX "plan_one_applying_per_target" ON "plan" ("target_workspace_id") WHERE "status" IN ('queued', 'applying', 'verifying');

CREATE TABLE "plan_step" (
    "plan_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "natural_key" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "origin_id" TEXT,
    "live_id" TEXT,
    "before" JSONB,
    "before_hash" TEXT,
    "after" JSONB,
    "pending" JSONB NOT NULL DEFAULT '[]',
    "items" JSONB,
    "ops" JSONB,
    "depends_on" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "reason" TEXT NOT NULL,
    "replace" BOOLEAN NOT NULL DEFAULT false,
    "secrets_missing" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "secrets_supplied" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "result_id" TEXT,
    "result" JSONB,
    "error" TEXT,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "plan_step_pkey" PRIMARY KEY ("plan_id", "position")
);

CREATE TABLE "id_mapping" (
    "origin_workspace_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "origin_id" TEXT NOT NULL,
    "target_workspace_id" UUID NOT NULL,
    "target_id" TEXT NOT NULL,
    "plan_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "id_mapping_pkey" PRIMARY KEY ("origin_workspace_id", "kind", "origin_id", "target_workspace_id")
);
CREATE INDEX "id_mapping_target_workspace_id_kind_target_id_idx" ON "id_mapping" ("target_workspace_id", "kind", "target_id");

ALTER TABLE "plan" ADD CONSTRAINT "plan_target_workspace_id_fkey" FOREIGN KEY ("target_workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "plan" ADD CONSTRAINT "plan_source_workspace_id_fkey" FOREIGN KEY ("source_workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "plan_step" ADD CONSTRAINT "plan_step_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
