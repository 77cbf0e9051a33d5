-- id: 20260102_0001_order_totals
-- parents: 20260101_0001_create_customers
-- message: order totals

-- upgrade
ALTER TABLE orders ADD COLUMN total numeric(12, 2) NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN reference uuid DEFAULT gen_random_uuid();
-- lint:ignore setting-not-null
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
ALTER TABLE orders
    ADD CONSTRAINT orders_total_positive CHECK (total >= 0);
