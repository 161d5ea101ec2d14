-- Where the visitor was when they started the chat, shown to the agent, and whether they asked for the
-- transcript by e-mail (it is sent once).
ALTER TABLE chat ADD COLUMN page_url VARCHAR(2000);
ALTER TABLE chat ADD COLUMN referrer VARCHAR(2000);
ALTER TABLE chat ADD COLUMN transcript_sent_at TIMESTAMP;
