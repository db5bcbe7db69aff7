-- The lifecycle columns accept only the states the code knows (packages/domain/src/states.ts):
-- a typo in a new query, or a hand-written UPDATE, fails here instead of stranding a row in a
-- state no worker reads. closed_reason stays open: operators may give their own reason.
ALTER TABLE "conversations" ADD CONSTRAINT "ck_conversations_status"
  CHECK ("status" IN ('awaiting_response', 'active', 'closed', 'error'));
ALTER TABLE "abandonments" ADD CONSTRAINT "ck_abandonments_status"
  CHECK ("status" IN ('initiated', 'active', 'converted', 'declined'));
ALTER TABLE "abandonments" ADD CONSTRAINT "ck_abandonments_conversion_link"
  CHECK ("conversion_link" IS NULL OR "conversion_link" IN ('original', 'discounted'));
ALTER TABLE "messages" ADD CONSTRAINT "ck_messages_status"
  CHECK ("status" IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'blocked', 'unknown', 'received'));
ALTER TABLE "payments" ADD CONSTRAINT "ck_payments_match_status"
  CHECK ("match_status" IN ('unmatched', 'matched', 'review'));
