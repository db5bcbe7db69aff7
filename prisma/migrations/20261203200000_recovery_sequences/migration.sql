-- Follow-up sequences, quiet hours, caps and a holdout group: the schedule of each step lives
-- in Postgres (a delayed BullMQ job only wakes it), so a lost Redis loses no step.

-- AlterTable
ALTER TABLE "abandonments" ADD COLUMN "cohort" VARCHAR(10) NOT NULL DEFAULT 'treatment';
ALTER TABLE "abandonments" ADD CONSTRAINT "ck_abandonments_cohort" CHECK ("cohort" IN ('treatment', 'control'));

-- AlterTable
ALTER TABLE "messages" ADD COLUMN "sequence_step" SMALLINT;

-- CreateTable
CREATE TABLE "recovery_sequences" (
    "kind" VARCHAR(20) NOT NULL,
    "steps" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_sequences_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "recovery_steps" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "abandonment_id" UUID NOT NULL,
    "step" SMALLINT NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'scheduled',
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "attempt" SMALLINT NOT NULL DEFAULT 1,
    "reason" VARCHAR(50),
    "message_id" UUID,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_steps_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ck_recovery_steps_status" CHECK ("status" IN ('scheduled', 'sent', 'skipped'))
);

-- CreateTable
CREATE TABLE "recovery_settings" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "quiet_hours" JSONB,
    "timezone" VARCHAR(64) NOT NULL DEFAULT 'America/Sao_Paulo',
    "max_templates_per_buyer_per_24h" SMALLINT NOT NULL DEFAULT 2,
    "holdout_percent" SMALLINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "recovery_settings_one_row" CHECK ("id" = 1),
    CONSTRAINT "recovery_settings_holdout_check" CHECK ("holdout_percent" BETWEEN 0 AND 50),
    CONSTRAINT "recovery_settings_cap_check" CHECK ("max_templates_per_buyer_per_24h" >= 1)
);

-- CreateIndex
CREATE INDEX "idx_abandonments_created_at" ON "abandonments"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_recovery_steps_abandonment_step" ON "recovery_steps"("abandonment_id", "step");

-- CreateIndex
CREATE INDEX "idx_recovery_steps_status_due" ON "recovery_steps"("status", "due_at");

-- AddForeignKey
ALTER TABLE "recovery_steps" ADD CONSTRAINT "recovery_steps_abandonment_id_fkey" FOREIGN KEY ("abandonment_id") REFERENCES "abandonments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
