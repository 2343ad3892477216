-- The simulator instance a workspace's history was read from (null for real Segment): a snapshot
-- that reaches another simulator (a restarted, re-seeded one, or another checkout's) fails
-- instead of recording phantom deletions and creations.
ALTER TABLE "workspace" ADD COLUMN "simulator_instance_id" TEXT;
