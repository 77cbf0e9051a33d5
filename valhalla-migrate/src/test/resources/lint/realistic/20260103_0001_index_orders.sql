-- id: 20260103_0001_index_orders
-- parents: 20260102_0001_order_totals
-- message: index orders by placement
-- transactional: no

-- upgrade
CREATE INDEX CONCURRENTLY orders_placed_idx ON orders (placed_at);
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_idx;

-- downgrade
DROP INDEX CONCURRENTLY IF EXISTS orders_placed_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id);
