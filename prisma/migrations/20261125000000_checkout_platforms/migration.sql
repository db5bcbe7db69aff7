-- Checkout platforms (Hotmart, Kiwify, Eduzz, Stripe, Shopify): what kind of abandonment
-- and from whom, the buyer email that platform payments are matched by, the platform event
-- as Sara understood it beside the raw body, and the ledger of platform payments.

-- AlterTable
ALTER TABLE "abandonments" ADD COLUMN     "buyer_email" VARCHAR(255),
ADD COLUMN     "kind" VARCHAR(20) NOT NULL DEFAULT 'cart',
ADD COLUMN     "product_name" VARCHAR(255),
ADD COLUMN     "source" VARCHAR(20) NOT NULL DEFAULT 'sara';

-- AlterTable
ALTER TABLE "webhooks_log" ADD COLUMN     "event" JSONB,
ADD COLUMN     "source" VARCHAR(20) NOT NULL DEFAULT 'sara',
ADD COLUMN     "subject" VARCHAR(255);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "source" VARCHAR(20) NOT NULL,
    "external_id" VARCHAR(255) NOT NULL,
    "abandonment_id" UUID,
    "checkout_key" VARCHAR(255),
    "buyer_phone" VARCHAR(20),
    "buyer_email" VARCHAR(255),
    "product_id" VARCHAR(255),
    "amount" DECIMAL(10,2) NOT NULL,
    "currency" VARCHAR(3),
    "paid_at" TIMESTAMPTZ(3) NOT NULL,
    "match_status" VARCHAR(20) NOT NULL DEFAULT 'unmatched',
    "matched_by" VARCHAR(20),
    "review_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_abandonments_buyer_email" ON "abandonments"("buyer_email");

-- CreateIndex
CREATE INDEX "idx_webhooks_log_subject" ON "webhooks_log"("subject");

-- CreateIndex
CREATE INDEX "idx_payments_match_status" ON "payments"("match_status", "paid_at");

-- CreateIndex
CREATE INDEX "idx_payments_buyer_phone" ON "payments"("buyer_phone");

-- CreateIndex
CREATE INDEX "idx_payments_buyer_email" ON "payments"("buyer_email");

-- CreateIndex
CREATE INDEX "idx_payments_checkout_key" ON "payments"("checkout_key");

-- CreateIndex
CREATE UNIQUE INDEX "uq_payments_source_external" ON "payments"("source", "external_id");

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_abandonment_id_fkey" FOREIGN KEY ("abandonment_id") REFERENCES "abandonments"("id") ON DELETE SET NULL ON UPDATE CASCADE;
