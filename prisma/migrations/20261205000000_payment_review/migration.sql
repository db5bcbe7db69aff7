-- A person reviews the payments Sara could not match: "Ignorar" leaves one `ignored` (the reason
-- in review_reason), "Vincular" matches one by hand (`manual`). Both values are in
-- packages/domain/src/states.ts, which states.test.ts compares with these constraints.
ALTER TABLE "payments" DROP CONSTRAINT "ck_payments_match_status";
ALTER TABLE "payments" ADD CONSTRAINT "ck_payments_match_status"
  CHECK ("match_status" IN ('unmatched', 'matched', 'review', 'ignored'));

-- Which key found the abandonment; until now only the code knew the values.
ALTER TABLE "payments" ADD CONSTRAINT "ck_payments_matched_by"
  CHECK ("matched_by" IS NULL OR "matched_by" IN ('checkout', 'phone', 'email', 'manual'));
