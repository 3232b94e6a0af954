-- The demo store's first schema: shoppers, their payment methods, installment plans and repayments.
-- Money is integer fen in bigint columns; dates are calendar dates with no time zone.

CREATE TABLE shoppers (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- Where verification codes are texted; shown masked in hints.
  phone text NOT NULL
);

CREATE TABLE payment_methods (
  shopper_id text NOT NULL REFERENCES shoppers (id),
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  kind text NOT NULL CHECK (kind IN ('debit-card', 'credit-card', 'alipay', 'wechat-pay', 'balance', 'other')),
  label text NOT NULL,
  last4 text CHECK (last4 ~ '^[0-9]{4}$'),
  -- The order the shopper sees them in.
  position integer NOT NULL,
  PRIMARY KEY (shopper_id, id)
);

-- Newest plans first: listed by this, descending.
CREATE SEQUENCE plan_listing;
CREATE SEQUENCE order_numbers START 1001;
CREATE SEQUENCE repayment_numbers START 1;

CREATE TABLE plans (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  shopper_id text NOT NULL REFERENCES shoppers (id),
  listing bigint NOT NULL DEFAULT nextval('plan_listing'),
  order_id text NOT NULL,
  product text NOT NULL,
  provider_id text NOT NULL,
  provider_name text NOT NULL,
  principal bigint NOT NULL CHECK (principal > 0),
  currency text NOT NULL DEFAULT 'CNY' CHECK (currency = 'CNY'),
  purchase_date date NOT NULL,
  -- Where a plan is in its life (issue 15): only active plans take repayments and method changes.
  -- Paid off is not a status: it follows from the installments.
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('under_review', 'active', 'rejected', 'cancelled')),
  status_reason text,
  auto_debit boolean NOT NULL,
  preferred_method_id text,
  late_daily_rate_pct text NOT NULL,
  grace_days integer NOT NULL CHECK (grace_days BETWEEN 0 AND 31),
  unbilled_fees_on_payoff text NOT NULL CHECK (unbilled_fees_on_payoff IN ('charged', 'waived')),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (shopper_id, preferred_method_id) REFERENCES payment_methods (shopper_id, id)
);
CREATE INDEX plans_by_shopper ON plans (shopper_id, listing DESC);

CREATE TABLE installments (
  plan_id text NOT NULL REFERENCES plans (id),
  n integer NOT NULL CHECK (n >= 1),
  due_date date NOT NULL,
  principal bigint NOT NULL CHECK (principal >= 0),
  fee bigint NOT NULL CHECK (fee >= 0),
  paid bigint NOT NULL DEFAULT 0 CHECK (paid >= 0 AND paid <= principal + fee),
  paid_date date CHECK (paid = 0 OR paid_date IS NOT NULL),
  fee_waived bigint NOT NULL DEFAULT 0 CHECK (fee_waived >= 0),
  PRIMARY KEY (plan_id, n)
);

CREATE TABLE repayments (
  id text PRIMARY KEY,
  plan_id text NOT NULL REFERENCES plans (id),
  -- A retried request (same id) is answered with the first result: at most one repayment per id and plan,
  -- whichever server process the retry reaches.
  request_id text,
  -- The request as received, to tell a retry from a different request reusing the id.
  request jsonb NOT NULL,
  date date NOT NULL,
  installments integer[] NOT NULL,
  payoff boolean NOT NULL,
  charged bigint NOT NULL CHECK (charged >= 0),
  late_charge bigint NOT NULL CHECK (late_charge >= 0),
  waived_fee bigint NOT NULL CHECK (waived_fee >= 0),
  method_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, request_id)
);

-- One-off steps already done on this database (the first-run seed, the import of an old store.json).
CREATE TABLE setup_steps (
  name text PRIMARY KEY,
  done_at timestamptz NOT NULL DEFAULT now()
);
