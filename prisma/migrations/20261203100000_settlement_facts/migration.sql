-- Settlement reads tables, never webhooks_log payloads: what a platform said about a checkout
-- before its abandonment's turn came gets its own table, and Sara's own payments join the
-- platforms' in "payments". Both are backfilled from the log so that events already received
-- keep deciding what they decided before.

-- CreateTable
CREATE TABLE "checkouts" (
    "key" VARCHAR(255) NOT NULL,
    "source" VARCHAR(20) NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkouts_pkey" PRIMARY KEY ("key")
);

-- Backfill: completed checkouts (Shopify), then the latest delay any delivery asked for.
INSERT INTO "checkouts" ("key", "source", "completed_at")
SELECT "external_id", MIN("source"), MIN("created_at")
FROM "webhooks_log"
WHERE "webhook_type" = 'checkout_completed' AND "external_id" IS NOT NULL
GROUP BY "external_id"
ON CONFLICT ("key") DO NOTHING;

INSERT INTO "checkouts" ("key", "source", "due_at")
SELECT "subject", MIN("source"), MAX(("event" ->> 'notBefore')::timestamptz)
FROM "webhooks_log"
WHERE "webhook_type" = 'abandonment' AND "subject" IS NOT NULL
  AND "event" ->> 'notBefore' ~ '^\d{4}-\d{2}-\d{2}T'
GROUP BY "subject"
ON CONFLICT ("key") DO UPDATE SET "due_at" = GREATEST("checkouts"."due_at", EXCLUDED."due_at");

-- Backfill: Sara's own paid payments, matched when they converted their abandonment.
INSERT INTO "payments" ("source", "external_id", "abandonment_id", "checkout_key", "product_id", "amount", "paid_at", "match_status", "matched_by", "review_reason")
SELECT DISTINCT ON (e.body ->> 'paymentId')
    'sara', e.body ->> 'paymentId', a."id", e.body ->> 'abandonmentId', e.body ->> 'productId', (e.body ->> 'amount')::numeric(10,2), e."created_at",
    CASE WHEN a."id" IS NULL THEN 'unmatched' ELSE 'matched' END,
    CASE WHEN a."id" IS NULL THEN NULL ELSE 'checkout' END,
    CASE WHEN a."id" IS NULL THEN COALESCE(e."error_message", 'received before payments held Sara''s own: not applied') END
FROM (
    SELECT COALESCE("event", "payload") AS body, "created_at", "error_message"
    FROM "webhooks_log"
    WHERE "webhook_type" = 'payment' AND "source" = 'sara'
) e
LEFT JOIN "abandonments" a ON a."external_id" = e.body ->> 'abandonmentId' AND a."payment_id" = e.body ->> 'paymentId'
WHERE lower(e.body ->> 'status') = 'paid' AND e.body ->> 'paymentId' IS NOT NULL AND jsonb_typeof(e.body -> 'amount') = 'number'
ORDER BY e.body ->> 'paymentId', e."created_at"
ON CONFLICT ("source", "external_id") DO NOTHING;
