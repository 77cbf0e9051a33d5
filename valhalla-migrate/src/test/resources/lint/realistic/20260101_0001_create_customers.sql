-- id: 20260101_0001_create_customers
-- message: create customers and orders
-- lock_timeout: 5s

-- upgrade
CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    status varchar(20) NOT NULL,
    placed_at timestamp NOT NULL,
    note text DEFAULT 'CREATE INDEX x ON customers (email); DROP TABLE customers'
);

-- orders was created above, so a plain index build locks nobody out
CREATE INDEX orders_customer_idx ON orders (customer_id);

-- downgrade
DROP TABLE orders;
DROP TABLE customers;
