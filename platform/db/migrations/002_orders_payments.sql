CREATE TABLE orders (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id              uuid NOT NULL REFERENCES users (id),
  student_id           uuid NOT NULL REFERENCES students (id),
  delivery_date        date NOT NULL,
  status               text NOT NULL CHECK (status IN ('pending_payment', 'paid')),
  total_minor          integer NOT NULL CHECK (total_minor > 0),
  currency             char(3) NOT NULL,
  idempotency_key      text NOT NULL,
  -- SHA-256 of the normalised request: the same key with another body is refused.
  request_fingerprint  text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  paid_at              timestamptz,
  -- The durable idempotency guard: it holds even when Redis lost its locks.
  CONSTRAINT orders_user_idempotency_key_unique UNIQUE (user_id, idempotency_key)
);

CREATE TABLE order_items (
  order_id          uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  menu_item_id      uuid NOT NULL REFERENCES menu_items (id),
  -- Name and price are copied so that a later menu change does not rewrite an order.
  name              text NOT NULL,
  quantity          integer NOT NULL CHECK (quantity > 0),
  unit_price_minor  integer NOT NULL CHECK (unit_price_minor > 0),
  PRIMARY KEY (order_id, menu_item_id)
);

CREATE TABLE payment_intents (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id             uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  provider             text NOT NULL CHECK (provider = 'razorpay'),
  provider_order_id    text NOT NULL UNIQUE,
  amount_minor         integer NOT NULL CHECK (amount_minor > 0),
  currency             char(3) NOT NULL,
  status               text NOT NULL CHECK (status IN ('created', 'captured')),
  provider_payment_id  text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  captured_at          timestamptz
);
CREATE INDEX payment_intents_order_id_idx ON payment_intents (order_id);
