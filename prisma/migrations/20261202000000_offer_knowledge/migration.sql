-- Answers grounded in what the merchant knows: each offer carries its FAQ entries, and a
-- conversation with a question Sara could not answer is flagged for the team (it stays open
-- and keeps selling).

-- AlterTable
ALTER TABLE "product_offers" ADD COLUMN     "faq" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "needs_human_at" TIMESTAMPTZ(3),
ADD COLUMN     "needs_human_reason" VARCHAR(50);
