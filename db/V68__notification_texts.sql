-- The texts of the mails that tell agents of their notifications, per event and language (OTRS's ticket notification
-- texts, filled with OTRS tags for the ticket, its customer, the agent who acted and the recipient), and of the mail
-- that copies an agent's web answer to the customer (customer.answer). A recipient gets the text in their language
-- (an agent's UserLanguage preference, else users.language; a customer's customer_user.language), else the English one.

CREATE TABLE notification_text (
    event VARCHAR(40) NOT NULL,
    language VARCHAR(10) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    body TEXT NOT NULL,
    change_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id) ON DELETE SET NULL,
    PRIMARY KEY (event, language)
);

INSERT INTO notification_text (event, language, subject, body) VALUES
('ticket.new', 'en', 'Ticket Created: <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

ticket [Ticket#<OTRS_TICKET_TicketNumber>] has been created in queue <OTRS_TICKET_Queue>.

<OTRS_CUSTOMER_REALNAME> wrote:
<OTRS_CUSTOMER_SUBJECT>

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.new', 'de', 'Ticket erstellt: <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

das Ticket [Ticket#<OTRS_TICKET_TicketNumber>] wurde in der Queue <OTRS_TICKET_Queue> erstellt.

<OTRS_CUSTOMER_REALNAME> schrieb:
<OTRS_CUSTOMER_SUBJECT>

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.follow_up', 'en', 'Ticket Follow-Up: <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

ticket [Ticket#<OTRS_TICKET_TicketNumber>] received a follow-up.

<OTRS_CUSTOMER_REALNAME> wrote:
<OTRS_CUSTOMER_SUBJECT>

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.follow_up', 'de', 'Nachfassen zu Ticket: <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

zum Ticket [Ticket#<OTRS_TICKET_TicketNumber>] gibt es eine Nachfrage.

<OTRS_CUSTOMER_REALNAME> schrieb:
<OTRS_CUSTOMER_SUBJECT>

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.owner', 'en', 'Ticket Owner Update to <OTRS_OWNER_UserFullname>: <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

the owner of ticket [Ticket#<OTRS_TICKET_TicketNumber>] has been updated to <OTRS_OWNER_UserFullname> by <OTRS_CURRENT_UserFullname>.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.owner', 'de', 'Änderung des Ticket-Besitzers an <OTRS_OWNER_UserFullname>: <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

der Besitzer des Tickets [Ticket#<OTRS_TICKET_TicketNumber>] wurde von <OTRS_CURRENT_UserFullname> an <OTRS_OWNER_UserFullname> geändert.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.responsible', 'en', 'Ticket Responsible Update to <OTRS_RESPONSIBLE_UserFullname>: <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

the responsible agent of ticket [Ticket#<OTRS_TICKET_TicketNumber>] has been updated to <OTRS_RESPONSIBLE_UserFullname> by <OTRS_CURRENT_UserFullname>.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.responsible', 'de', 'Änderung des Ticket-Verantwortlichen an <OTRS_RESPONSIBLE_UserFullname>: <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

der Verantwortliche für das Ticket [Ticket#<OTRS_TICKET_TicketNumber>] wurde von <OTRS_CURRENT_UserFullname> an <OTRS_RESPONSIBLE_UserFullname> geändert.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.moved', 'en', 'Ticket Queue Update to <OTRS_TICKET_Queue>: <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

<OTRS_CURRENT_UserFullname> has moved ticket [Ticket#<OTRS_TICKET_TicketNumber>] to queue <OTRS_TICKET_Queue>.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.moved', 'de', 'Queue-Änderung an <OTRS_TICKET_Queue>: <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

<OTRS_CURRENT_UserFullname> hat das Ticket [Ticket#<OTRS_TICKET_TicketNumber>] in die Queue <OTRS_TICKET_Queue> verschoben.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.lock_timeout', 'en', 'Lock Timeout: <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

ticket [Ticket#<OTRS_TICKET_TicketNumber>] has reached its lock timeout period and is now unlocked.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.lock_timeout', 'de', 'Sperrzeit abgelaufen: <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

die Sperrzeit des Tickets [Ticket#<OTRS_TICKET_TicketNumber>] ist abgelaufen. Es ist jetzt entsperrt.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.escalation', 'en', 'Ticket Escalation! <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

ticket [Ticket#<OTRS_TICKET_TicketNumber>] in queue <OTRS_TICKET_Queue> <OTRS_NOTIFICATION_DETAIL>.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.escalation', 'de', 'Ticket-Eskalation! <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

das Ticket [Ticket#<OTRS_TICKET_TicketNumber>] in der Queue <OTRS_TICKET_Queue> ist eskaliert oder wird bald eskalieren.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.pending_reminder', 'en', 'Reminder Reached: <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

ticket [Ticket#<OTRS_TICKET_TicketNumber>] has reached its reminder time.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('ticket.pending_reminder', 'de', 'Erinnerungszeit erreicht: <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

das Ticket [Ticket#<OTRS_TICKET_TicketNumber>] hat die Erinnerungszeit erreicht.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('mention', 'en', 'Mention in Ticket: <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

<OTRS_CURRENT_UserFullname> mentioned you in ticket [Ticket#<OTRS_TICKET_TicketNumber>].

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('mention', 'de', 'Erwähnung in Ticket: <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

<OTRS_CURRENT_UserFullname> hat Sie im Ticket [Ticket#<OTRS_TICKET_TicketNumber>] erwähnt.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('watched', 'en', 'Watched Ticket Update: <OTRS_TICKET_Title>', 'Hi <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

ticket [Ticket#<OTRS_TICKET_TicketNumber>], which you watch, has been updated by <OTRS_CURRENT_UserFullname>.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
('watched', 'de', 'Beobachtetes Ticket geändert: <OTRS_TICKET_Title>', 'Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>,

das Ticket [Ticket#<OTRS_TICKET_TicketNumber>], das Sie beobachten, wurde von <OTRS_CURRENT_UserFullname> geändert.

<OTRS_CONFIG_PublicURL>/#/ticket/<OTRS_TICKET_TicketID>

-- <OTRS_CONFIG_ProductName> Notification Master'),
-- The answer usually carries its own salutation and signature (the composer adds them): the text adds nothing.
('customer.answer', 'en', '<OTRS_AGENT_SUBJECT>', '<OTRS_AGENT_BODY>'),
('customer.answer', 'de', '<OTRS_AGENT_SUBJECT>', '<OTRS_AGENT_BODY>');
