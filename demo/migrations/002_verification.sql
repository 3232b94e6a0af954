-- Verification the way a bank does it: codes kept only as HMACs, used once, expiring; texts limited per phone
-- number and per shopper; wrong codes counted per shopper across codes, with a lockout.

-- Secrets the servers share (the session and code HMAC key), made by the first server that needs one.
CREATE TABLE secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE verification_codes (
  id bigserial PRIMARY KEY,
  shopper_id text NOT NULL REFERENCES shoppers (id),
  plan_id text NOT NULL REFERENCES plans (id),
  -- The change the code proves: this plan's preferred method becomes this one.
  method_id text NOT NULL,
  -- Where it was texted.
  phone text NOT NULL,
  -- HMAC-SHA-256 of the code (keyed with the code secret and this row's id), hex: never the code itself.
  code_hmac text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  wrong_tries integer NOT NULL DEFAULT 0,
  -- Set when the code was used, replaced by a newer code, or given up after too many wrong tries.
  closed_at timestamptz
);
CREATE INDEX verification_codes_by_phone ON verification_codes (phone, sent_at);
CREATE INDEX verification_codes_by_shopper ON verification_codes (shopper_id, sent_at);

-- Every wrong code, whichever code it was meant for: what the lockout counts.
CREATE TABLE verification_failures (
  shopper_id text NOT NULL REFERENCES shoppers (id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verification_failures_by_shopper ON verification_failures (shopper_id, at);
