-- OTRS clients read agents as integers (OwnerID, ResponsibleID, CreateBy, ChangeBy in the GenericInterface).
-- Every agent gets one, for good: the built-in admin is 1 as OTRS's root@localhost is, an agent imported from
-- OTRS keeps its OTRS id where no one has it yet (ids below 10000), and every other agent counts on from 10000.
CREATE SEQUENCE user_number_seq START 10000;
ALTER TABLE users ADD COLUMN number INTEGER;

UPDATE users SET number = 1 WHERE id = '00000000-0000-0000-0000-000000000001';
UPDATE users u SET number = m.source_id::int
  FROM otrs_id_map m
 WHERE m.source_table = 'users' AND m.gotrs_id = u.id::text AND u.number IS NULL
   AND m.source_id ~ '^[0-9]{1,4}$' AND m.source_id::int <> 1;
UPDATE users SET number = nextval('user_number_seq') WHERE number IS NULL;

ALTER TABLE users ALTER COLUMN number SET DEFAULT nextval('user_number_seq'),
                  ALTER COLUMN number SET NOT NULL,
                  ADD CONSTRAINT users_number_unique UNIQUE (number);
