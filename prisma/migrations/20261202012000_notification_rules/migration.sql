-- Change rules per workspace ("more than 2 destinations deleted or disabled", "a tracking plan lost
-- more than 20 % of its rules", "any change to a resource labelled env:prod"), evaluated by the
-- worker on every completed snapshot. Gone with their workspace.
CREATE TABLE "notification_rule" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_rule_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notification_rule_workspace_id_idx" ON "notification_rule" ("workspace_id");
ALTER TABLE "notification_rule" ADD CONSTRAINT "notification_rule_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
