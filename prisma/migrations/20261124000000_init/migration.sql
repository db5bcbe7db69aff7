-- Sara's initial schema: the design's seven tables (section 7.1) with the additions
-- documented in prisma/schema.prisma. Kept in Prisma's own layout so that
-- `prisma migrate deploy` on a connected machine agrees with the offline runner.

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "phone_number" VARCHAR(20) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "opted_out" BOOLEAN NOT NULL DEFAULT false,
    "opted_out_at" TIMESTAMPTZ(3),
    "opted_out_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "product_offers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "product_id" VARCHAR(255) NOT NULL,
    "product_name" VARCHAR(255) NOT NULL,
    "payment_link" VARCHAR(1024) NOT NULL,
    "discount_link" VARCHAR(1024),
    "discount_percent" DECIMAL(5,2),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "abandonments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "external_id" VARCHAR(255) NOT NULL,
    "product_id" VARCHAR(255) NOT NULL,
    "value" DECIMAL(10,2),
    "status" VARCHAR(50) NOT NULL DEFAULT 'initiated',
    "conversation_id" UUID,
    "converted_at" TIMESTAMPTZ(3),
    "conversion_link" VARCHAR(20),
    "payment_id" VARCHAR(255),
    "payment_link" VARCHAR(1024),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "abandonments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "abandonment_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" VARCHAR(50) NOT NULL DEFAULT 'awaiting_response',
    "message_count" INTEGER NOT NULL DEFAULT 0,
    "last_message_at" TIMESTAMPTZ(3),
    "last_user_message_at" TIMESTAMPTZ(3),
    "followup_sent" BOOLEAN NOT NULL DEFAULT false,
    "closed_reason" VARCHAR(100),
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversation_id" UUID NOT NULL,
    "from_sender" VARCHAR(50) NOT NULL,
    "message_text" TEXT NOT NULL,
    "message_type" VARCHAR(20) NOT NULL DEFAULT 'text',
    "whatsapp_message_id" VARCHAR(255),
    "openai_response_id" VARCHAR(255),
    "openai_tokens_used" INTEGER,
    "intent" VARCHAR(100),
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "status" VARCHAR(20) NOT NULL DEFAULT 'queued',
    "error_code" INTEGER,
    "status_updated_at" TIMESTAMPTZ(3),
    "idempotency_key" VARCHAR(255),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhooks_log" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "webhook_type" VARCHAR(50) NOT NULL,
    "external_id" VARCHAR(255),
    "payload" JSONB NOT NULL,
    "signature_verified" BOOLEAN NOT NULL DEFAULT true,
    "processed" BOOLEAN NOT NULL DEFAULT false,
    "error_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "conversation_id" UUID,
    "request_id" VARCHAR(128),
    "enqueued_at" TIMESTAMPTZ(3),
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhooks_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opt_out_keywords" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "keyword" VARCHAR(100) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "opt_out_keywords_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_phone_number_key" ON "users"("phone_number");

-- CreateIndex
CREATE INDEX "idx_users_phone" ON "users"("phone_number");

-- CreateIndex
CREATE INDEX "idx_users_opted_out" ON "users"("opted_out");

-- CreateIndex
CREATE UNIQUE INDEX "product_offers_product_id_key" ON "product_offers"("product_id");

-- CreateIndex
CREATE INDEX "idx_product_offers_product_id" ON "product_offers"("product_id");

-- CreateIndex
CREATE UNIQUE INDEX "abandonments_external_id_key" ON "abandonments"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "abandonments_payment_id_key" ON "abandonments"("payment_id");

-- CreateIndex
CREATE INDEX "idx_abandonments_user_id" ON "abandonments"("user_id");

-- CreateIndex
CREATE INDEX "idx_abandonments_external_id" ON "abandonments"("external_id");

-- CreateIndex
CREATE INDEX "idx_abandonments_status" ON "abandonments"("status");

-- CreateIndex
CREATE INDEX "idx_abandonments_payment_id" ON "abandonments"("payment_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_conversations_abandonment" ON "conversations"("abandonment_id");

-- CreateIndex
CREATE INDEX "idx_conversations_user_id" ON "conversations"("user_id");

-- CreateIndex
CREATE INDEX "idx_conversations_status" ON "conversations"("status");

-- CreateIndex
CREATE UNIQUE INDEX "messages_whatsapp_message_id_key" ON "messages"("whatsapp_message_id");

-- CreateIndex
CREATE UNIQUE INDEX "messages_idempotency_key_key" ON "messages"("idempotency_key");

-- CreateIndex
CREATE INDEX "idx_messages_conversation_id" ON "messages"("conversation_id");

-- CreateIndex
CREATE INDEX "idx_messages_created_at" ON "messages"("created_at");

-- CreateIndex
CREATE INDEX "idx_webhooks_log_type" ON "webhooks_log"("webhook_type");

-- CreateIndex
CREATE INDEX "idx_webhooks_log_outbox" ON "webhooks_log"("enqueued_at", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_webhooks_log_type_external" ON "webhooks_log"("webhook_type", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "opt_out_keywords_keyword_key" ON "opt_out_keywords"("keyword");

-- AddForeignKey
ALTER TABLE "abandonments" ADD CONSTRAINT "abandonments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "abandonments" ADD CONSTRAINT "abandonments_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_abandonment_id_fkey" FOREIGN KEY ("abandonment_id") REFERENCES "abandonments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Seed: the design's opt-out keywords (section 7.1). Reference data the opt-out layer
-- cannot work without, so it ships with the schema rather than with a dev seed.
INSERT INTO "opt_out_keywords" ("keyword") VALUES
  ('parar'), ('remover'), ('cancelar'), ('sair'), ('stop'),
  ('não quero'), ('me tire'), ('excluir'), ('desinscrever'), ('unsubscribe')
ON CONFLICT ("keyword") DO NOTHING;
