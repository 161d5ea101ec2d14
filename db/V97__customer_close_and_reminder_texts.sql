-- The customers' mails when an agent closes their ticket (with the link to rate it in the portal) and, where the
-- configuration turns it on, when their pending ticket's reminder time is reached; editable like the others.
INSERT INTO notification_text (event, language, subject, body) VALUES
('customer.closed', 'en', 'Your ticket is closed: <OTRS_TICKET_Title>', 'Dear <OTRS_CUSTOMER_DATA_UserFirstname>,

your ticket [Ticket#<OTRS_TICKET_TicketNumber>] "<OTRS_TICKET_Title>" has been closed (<OTRS_TICKET_State>).

How did we do? You can rate our help and read the whole ticket in the portal:
<OTRS_CONFIG_PublicURL>/portal/#/ticket/<OTRS_TICKET_TicketID>

If anything is still open, just reply to this e-mail.

Your <OTRS_CONFIG_ProductName> team'),
('customer.closed', 'de', 'Ihr Ticket ist geschlossen: <OTRS_TICKET_Title>', 'Hallo <OTRS_CUSTOMER_DATA_UserFirstname>,

Ihr Ticket [Ticket#<OTRS_TICKET_TicketNumber>] „<OTRS_TICKET_Title>“ wurde geschlossen (<OTRS_TICKET_State>).

Wie zufrieden waren Sie? Im Kundenportal können Sie uns bewerten und das ganze Ticket nachlesen:
<OTRS_CONFIG_PublicURL>/portal/#/ticket/<OTRS_TICKET_TicketID>

Falls noch etwas offen ist, antworten Sie einfach auf diese E-Mail.

Ihr <OTRS_CONFIG_ProductName>-Team'),
('customer.pending_reminder', 'en', 'We are still on it: <OTRS_TICKET_Title>', 'Dear <OTRS_CUSTOMER_DATA_UserFirstname>,

your ticket [Ticket#<OTRS_TICKET_TicketNumber>] "<OTRS_TICKET_Title>" was waiting until now; we are looking at it again.

<OTRS_CONFIG_PublicURL>/portal/#/ticket/<OTRS_TICKET_TicketID>

Your <OTRS_CONFIG_ProductName> team'),
('customer.pending_reminder', 'de', 'Wir sind dran: <OTRS_TICKET_Title>', 'Hallo <OTRS_CUSTOMER_DATA_UserFirstname>,

Ihr Ticket [Ticket#<OTRS_TICKET_TicketNumber>] „<OTRS_TICKET_Title>“ war bis jetzt zurückgestellt; wir kümmern uns wieder darum.

<OTRS_CONFIG_PublicURL>/portal/#/ticket/<OTRS_TICKET_TicketID>

Ihr <OTRS_CONFIG_ProductName>-Team');
