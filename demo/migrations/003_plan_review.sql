-- A purchase is reviewed by the provider before its plan counts (issue 15): the plan is booked 'under_review'
-- with the moment its decision is due; the first request after that moment applies the decision (approved:
-- 'active'; above the provider's credit line: 'rejected' with a reason), in its own transaction, so the
-- outcome does not depend on a timer in one server process surviving.
ALTER TABLE plans ADD COLUMN review_due_at timestamptz;
ALTER TABLE plans ADD COLUMN decided_at timestamptz;
-- Only a plan under review waits for a decision; a rejected or cancelled plan says why.
ALTER TABLE plans ADD CONSTRAINT plans_review_due CHECK (status <> 'under_review' OR review_due_at IS NOT NULL);
ALTER TABLE plans ADD CONSTRAINT plans_reason CHECK (status_reason IS NULL OR status IN ('rejected', 'cancelled'));
CREATE INDEX plans_under_review ON plans (shopper_id, review_due_at) WHERE status = 'under_review';
