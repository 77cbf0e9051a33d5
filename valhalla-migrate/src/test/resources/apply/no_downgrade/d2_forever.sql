-- id: d2_forever
-- parents: d1_kept
-- message: a revision without a downgrade section

-- upgrade
CREATE TABLE nd_forever (id bigint PRIMARY KEY);
