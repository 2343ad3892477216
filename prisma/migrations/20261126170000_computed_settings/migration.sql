-- Settings Segment computes for every instance of a catalog entry (its API does not say which):
-- learned from writes that did not take, then left out of plans and verifications.
CREATE TABLE "computed_setting" (
    "catalog_id" TEXT NOT NULL,
    "setting" TEXT NOT NULL,
    "plan_id" UUID,
    "learned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "computed_setting_pkey" PRIMARY KEY ("catalog_id", "setting")
);
