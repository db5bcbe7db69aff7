-- The audit trail: one row per admin action, append-only. The application only inserts; the
-- database refuses UPDATE and DELETE too, so a bug or a stolen key cannot rewrite history.
-- A trigger rather than REVOKE: the apps connect as the table's owner, whom REVOKE does not bind.
-- TRUNCATE (an operator's deliberate reset, and the tests') is a separate privilege and stays.

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "actor" VARCHAR(100) NOT NULL,
    "action" VARCHAR(100) NOT NULL,
    "target" VARCHAR(255),
    "outcome" SMALLINT NOT NULL,
    "request_id" VARCHAR(128),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_audit_events_created_at" ON "audit_events"("created_at");

-- CreateIndex
CREATE INDEX "idx_audit_events_action_created_at" ON "audit_events"("action", "created_at");

CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "trg_audit_events_append_only"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
