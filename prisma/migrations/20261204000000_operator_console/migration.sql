-- The operator console: the shop team's accounts and sessions, and a person taking a
-- conversation over from Sara.

-- CreateTable
CREATE TABLE "operators" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" VARCHAR(255) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "password_hash" VARCHAR(255) NOT NULL,
    "role" VARCHAR(10) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operators_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_operators_role" CHECK ("role" IN ('admin', 'agent')),
    -- Stored lower-cased, so "Ana@Loja.com" and "ana@loja.com" are one account.
    CONSTRAINT "chk_operators_email_lower" CHECK ("email" = lower("email"))
);

-- CreateIndex
CREATE UNIQUE INDEX "operators_email_key" ON "operators"("email");

-- CreateTable
-- The id is a keyed hash of the cookie's token: a copy of this table opens no session.
CREATE TABLE "operator_sessions" (
    "id" CHAR(64) NOT NULL,
    "operator_id" UUID NOT NULL,
    "csrf_token" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "operator_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_operator_sessions_operator" ON "operator_sessions"("operator_id");

-- CreateIndex
CREATE INDEX "idx_operator_sessions_expires_at" ON "operator_sessions"("expires_at");

-- AddForeignKey
ALTER TABLE "operator_sessions" ADD CONSTRAINT "operator_sessions_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operators"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN "handled_by" UUID,
ADD COLUMN "handled_since" TIMESTAMPTZ(3);

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_handled_by_fkey" FOREIGN KEY ("handled_by") REFERENCES "operators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN "operator_id" UUID;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
-- The console's live feed asks "what changed since" every second: new rows and delivery statuses.
CREATE INDEX "idx_messages_status_updated_at" ON "messages"("status_updated_at");

-- CreateIndex
CREATE INDEX "idx_conversations_updated_at" ON "conversations"("updated_at");
