-- Where notifications go (a signed webhook, a Slack incoming webhook, an e-mail address), and one
-- delivery per event and channel (unique: a retried fan-out never delivers twice). A channel with
-- no workspace is global. The webhook signing secret is kept only encrypted (like workspace tokens).
-- No foreign key to workspace: a channel of a purged workspace simply matches nothing.
CREATE TABLE "notification_channel" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "url" TEXT,
    "address" TEXT,
    "events" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "workspace_id" UUID,
    "secret_ciphertext" BYTEA,
    "secret_key_id" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_channel_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "notification_channel_name_key" ON "notification_channel" ("name");

CREATE TABLE "notification_delivery" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_status" INTEGER,
    "next_attempt_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_delivery_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notification_delivery_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "notification_event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "notification_delivery_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "notification_delivery_event_id_channel_id_key" ON "notification_delivery" ("event_id", "channel_id");
CREATE INDEX "notification_delivery_channel_id_created_at_idx" ON "notification_delivery" ("channel_id", "created_at");
