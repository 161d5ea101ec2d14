-- =====================================================================
-- GOTRS V53: standard templates, assigned per queue
--
-- OTRS's standard_template (the texts agents start an answer, a note, a
-- forward, ... from) and queue_standard_template (the queues a template
-- is offered in), laid out as in OTRS 6 with GOTRS's UUID create_by /
-- change_by. A template is offered only in the queues it is assigned to,
-- as in OTRS. template_type is checked by the API, not here, so that an
-- OTRS import keeps types of add-ons.
--
-- The salutation, signature and system_address tables and the queue's
-- references to them exist since V2. An e-mail address is now one system
-- address at most: two rows with the same address could not be told
-- apart, neither by an administrator nor by the OTRS import.
--
-- Seed: OTRS's two default templates, 'empty answer' assigned to the
-- four default queues, as OTRS ships them.
-- =====================================================================
CREATE TABLE standard_template (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    text TEXT,
    content_type VARCHAR(250),
    template_type VARCHAR(100) NOT NULL DEFAULT 'Answer',
    comments VARCHAR(250),
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    create_time TIMESTAMP DEFAULT (now() AT TIME ZONE 'UTC'),
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id),
    CONSTRAINT standard_template_name UNIQUE (name)
);

CREATE TABLE queue_standard_template (
    queue_id INTEGER NOT NULL REFERENCES queue(id) ON DELETE CASCADE,
    standard_template_id INTEGER NOT NULL REFERENCES standard_template(id) ON DELETE CASCADE,
    create_time TIMESTAMP DEFAULT (now() AT TIME ZONE 'UTC'),
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id),
    PRIMARY KEY (queue_id, standard_template_id)
);
CREATE INDEX idx_queue_standard_template_template ON queue_standard_template (standard_template_id);

ALTER TABLE system_address ADD CONSTRAINT system_address_value0 UNIQUE (value0);

INSERT INTO standard_template (name, text, content_type, template_type, valid_id, create_by, change_by) VALUES
    ('empty answer', '', 'text/plain; charset=utf-8', 'Answer', 1,
     '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    ('test answer', 'Some test answer to show how a standard template can be used.', 'text/plain; charset=utf-8',
     'Answer', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

INSERT INTO queue_standard_template (queue_id, standard_template_id, create_by, change_by)
SELECT q.id, t.id, '00000000-0000-0000-0000-000000000001'::uuid, '00000000-0000-0000-0000-000000000001'::uuid
  FROM queue q, standard_template t
 WHERE q.name IN ('Postmaster', 'Raw', 'Junk', 'Misc') AND t.name = 'empty answer';
