-- What amountDue() prices by (issue 9) must survive a round trip through the database, or the plans the store
-- lists would differ from the ones it answered a repayment with: the statement that bills each period (its fee is
-- owed on payoff from that day), the dated payments that make up `paid` (late charges accrue on what was unpaid
-- each day), the loans' payoff rule (interest accrued to the payoff day) and the late-charge cap.
ALTER TABLE installments ADD COLUMN statement_date date;
-- [{ "date": "YYYY-MM-DD", "amount": fen }, …], oldest first, adding up to paid; NULL in rows written before.
ALTER TABLE installments ADD COLUMN payments jsonb;
ALTER TABLE plans DROP CONSTRAINT plans_unbilled_fees_on_payoff_check;
ALTER TABLE plans ADD CONSTRAINT plans_unbilled_fees_on_payoff_check
  CHECK (unbilled_fees_on_payoff IN ('charged', 'waived', 'accrued'));
-- Percent of an installment's principal + fee, "0" … "100"; NULL means the default ("100").
ALTER TABLE plans ADD COLUMN late_charge_cap_pct text;
