-- Row triggers do not fire on TRUNCATE: refuse it too, so the audit trail cannot be emptied
-- in one statement either (issue 4 §7).
CREATE TRIGGER "ComplaintEvent_no_truncate"
  BEFORE TRUNCATE ON "ComplaintEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_event_append_only();
