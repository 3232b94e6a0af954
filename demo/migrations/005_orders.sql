-- The purchase as stores' checkouts run it (issue 15): the shopper confirms the order (确认订单) and submits it
-- (提交订单), then authorizes the payment at the installment provider with a payment password. The plan is
-- booked only by a right password; a cancelled or failed authorization leaves the order without a plan.

-- The demo shoppers' payment passwords at the provider: scrypt$salt$hash (hex), never the password.
ALTER TABLE shoppers ADD COLUMN payment_password text;

CREATE TABLE orders (
  id text PRIMARY KEY,
  shopper_id text NOT NULL REFERENCES shoppers (id),
  product_id text NOT NULL,
  quantity integer NOT NULL CHECK (quantity >= 1),
  provider_id text NOT NULL,
  term integer NOT NULL CHECK (term >= 1),
  principal bigint NOT NULL CHECK (principal > 0),
  -- The total repayment including fees the shopper confirmed: the plan booked repays exactly this.
  total bigint NOT NULL CHECK (total >= principal),
  -- The day the order was quoted on: the plan's schedule starts from it, whenever the password is given.
  purchase_date date NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'authorized', 'cancelled', 'failed')),
  -- Wrong passwords for this order; the third fails the authorization.
  wrong_tries integer NOT NULL DEFAULT 0,
  plan_id text REFERENCES plans (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  closed_at timestamptz,
  CHECK ((status = 'authorized') = (plan_id IS NOT NULL))
);
CREATE INDEX orders_by_shopper ON orders (shopper_id, created_at);
