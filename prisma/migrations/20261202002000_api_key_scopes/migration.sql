-- API keys limited to some workspaces: a scoped key touches only the workspaces in workspace_ids
-- (an empty list, once they are purged, means none — never all).
ALTER TABLE "api_key" ADD COLUMN "scoped" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "api_key" ADD COLUMN "workspace_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[];
