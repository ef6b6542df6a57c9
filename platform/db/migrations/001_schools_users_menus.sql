-- Who may order, for whom, and what can be ordered.
CREATE TABLE schools (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stored lower-case so that login is case-insensitive without a function index.
  email          text NOT NULL UNIQUE CHECK (email = lower(email)),
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('parent', 'school_admin')),
  school_id      uuid NOT NULL REFERENCES schools (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE students (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id   uuid NOT NULL REFERENCES schools (id),
  parent_id   uuid NOT NULL REFERENCES users (id),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX students_parent_id_idx ON students (parent_id);

-- The same items are served every day, so a menu is the school's available items.
CREATE TABLE menu_items (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  school_id    uuid NOT NULL REFERENCES schools (id),
  name         text NOT NULL,
  category     text NOT NULL,
  price_minor  integer NOT NULL CHECK (price_minor > 0),
  currency     char(3) NOT NULL DEFAULT 'INR',
  allergens    text[] NOT NULL DEFAULT '{}',
  available    boolean NOT NULL DEFAULT true
);
CREATE INDEX menu_items_school_id_idx ON menu_items (school_id);
