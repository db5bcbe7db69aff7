-- A buyer's erasure (LGPD art. 18) keeps no phone, but a buyer who opted out must never be
-- messaged again: a keyed hash of the phone (HMAC-SHA256 with ERASURE_HASH_KEY) stays behind.

-- CreateTable
CREATE TABLE "erasure_tombstones" (
    "phone_hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "erasure_tombstones_pkey" PRIMARY KEY ("phone_hash")
);
