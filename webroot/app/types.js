// The JSON the pages read from the REST API and the live stream, written down for the type check
// (ScriptTypesTest). Declarations only: every export here is undefined when the page runs.
// Only the fields the pages read are listed; the API documents the rest (GET /api/v1/openapi.json).

/**
 * One page of a list: GET /api/v1/tickets, /queues, /users, ... ; next_cursor is null on the last page.
 * @typedef {{items: !Array<?>, next_cursor: (?string|undefined)}}
 */
export let Page;

/**
 * A ticket as the ticket routes give it; search results carry a highlighted snippet.
 * @typedef {{
 *   id: number, tn: string, title: ?string,
 *   state: string, state_id: number, state_type: string,
 *   priority: string, priority_id: number,
 *   queue: string, queue_id: number, type_id: ?number,
 *   owner: ?string, user_id: ?string, responsible_user_id: (?string|undefined), customer_user: ?string, customer_id: ?string,
 *   change_time: string, create_time: (string|undefined), escalation_time: ?number, until_time: ?number,
 *   archive_flag: (number|undefined), tags: (?Array<string>|undefined),
 *   custom_fields: (?Object<string, *>|undefined), snippet: (string|undefined),
 *   time_units_total: (?number|undefined), ticket_lock_id: (number|undefined),
 *   escalation_response_time: (?number|undefined), escalation_warning_time: (?number|undefined)
 * }}
 */
export let Ticket;

/**
 * A link of a ticket as that ticket shows it: the other ticket, and this ticket's part ('normal', 'parent': this one
 * is the other's parent, 'child': this one is the other's child).
 * @typedef {{ticket_id: number, tn: string, title: ?string, state: string, type: string, create_time: string}}
 */
export let TicketLink;

/** @typedef {{user_id: string, login: string, name: ?string, since: string}} */
export let Watcher;

/**
 * An article of a ticket; plain_body or body holds its text, html_body the sanitised HTML of an HTML mail.
 * @typedef {{
 *   id: number, subject: ?string, from_address: ?string, sender_type: ?string, article_type: string,
 *   internal_note: boolean, content_type: ?string, create_time: string,
 *   plain_body: (?string|undefined), body: (?string|undefined), html_body: (?string|undefined),
 *   time_unit: (?number|undefined)
 * }}
 */
export let Article;

/** @typedef {{id: number, filename: string, content_size: number}} */
export let Attachment;

/**
 * A file sent in a chat; `url` serves it to the chat's agents and, with the chat token, to the visitor.
 * @typedef {{id: number, filename: string, size: ?number, content_type: string, url: string}}
 */
export let ChatFile;

/**
 * A line of a chat (GET /chats/{id}/messages); `from` is customer, agent or system.
 * @typedef {{message_id: number, from: string, name: ?string, text: string, at: string,
 *   attachments: (!Array<!ChatFile>|undefined)}}
 */
export let ChatMessage;

/**
 * A line of a ticket's history; name holds OTRS's "%%old%%new" (with ids), old_name and new_name what a change's
 * values name (a queue, a state, an agent, ...), create_by_name who made it.
 * @typedef {{create_time: string, history_type: string, name: ?string,
 *   old_name: (?string|undefined), new_name: (?string|undefined), create_by_name: (?string|undefined),
 *   queue: (?string|undefined), state: (?string|undefined), priority: (?string|undefined), owner: (?string|undefined)}}
 */
export let HistoryEntry;

/**
 * Where one channel's tickets go when the customer names no queue (GET /api/v1/settings/intake): chosen says an
 * administrator chose it, locked_by the configuration key that fixes it, agents how many valid agents can work it,
 * warning why tickets may go unseen.
 * @typedef {{channel: string, queue_id: ?number, queue: ?string, chosen: boolean, locked_by: ?string,
 *   agents: number, warning: ?string}}
 */
export let IntakeChannel;

/**
 * @typedef {{portal_queue_id: ?number, chat_queue_id: ?number, api_queue_id: ?number,
 *   channels: !Array<!IntakeChannel>}}
 */
export let IntakeSettings;

/**
 * A queue the portal offers customers (GET /api/v1/portal/queues).
 * @typedef {{id: number, name: string, comments: ?string}}
 */
export let PortalQueue;

/**
 * A queue, state, priority or type; states also carry their type_name ("new", "open", "pending", ...).
 * @typedef {{id: number, name: string, parent_id: (?number|undefined), type_name: (string|undefined)}}
 */
export let Lookup;

/**
 * What a bulk action did to one ticket (POST /api/v1/tickets/bulk): status 200, or the problem's status and detail.
 * @typedef {{ticket_id: number, status: number, detail: (string|undefined)}}
 */
export let BulkResult;

/**
 * One run of a bulk action on a list filter: its results, how many tickets matched when it began, the next run's cursor.
 * @typedef {{results: !Array<!BulkResult>, matched: number, next_cursor: ?string}}
 */
export let BulkRun;

/**
 * An agent as GET /api/v1/users and GET /api/v1/queues/{id}/agents list it; the queue's agents with their days out
 * of office (both included) and who stands in.
 * @typedef {{id: string, login: string, first_name: (?string|undefined), last_name: (?string|undefined),
 *     out_of_office: (?{start: string, end: string, substitute: ?string}|undefined)}}
 */
export let Agent;

/**
 * A custom field definition; field_config.options lists the choices of a select.
 * @typedef {{field_name: string, field_type: string, field_config: (?{options: (!Array<string>|undefined)}|undefined)}}
 */
export let CustomFieldDefinition;

/**
 * GET /api/v1/auth/me.
 * @typedef {{id: string, login: string, kind: string, admin: (boolean|undefined)}}
 */
export let Me;

/**
 * GET /api/v1/me/profile: a customer user's own account.
 * @typedef {{login: string, email: string, customer_id: ?string, first_name: ?string, last_name: ?string,
 *   phone: ?string, language: ?string}}
 */
export let Profile;

/**
 * The tokens of POST /api/v1/auth/login and /refresh; expires_in in seconds.
 * @typedef {{access_token: string, refresh_token: string, expires_in: number}}
 */
export let TokenPair;

/**
 * Who else has a ticket open (presence.changed).
 * @typedef {{user_id: string, login: string, name: (?string|undefined), state: string}}
 */
export let Viewer;

/**
 * A frame of the /ws live stream. The payload (data) differs per event type, so it is left untyped; the
 * client itself adds frames of type "status" with the connection's status.
 * @typedef {{
 *   type: string, topic: (string|undefined), event: (string|undefined), seq: (number|undefined),
 *   data: ?, user: (?|undefined), status: (string|undefined)
 * }}
 */
export let Frame;

/**
 * The wallboard's day in the time zone it asked for (GET /api/v1/stats/wallboard's today), from the report facts.
 * @typedef {{
 *   time_zone: string, day: string, created: number, closed: number,
 *   opened_per_hour: !Array<number>, closed_per_hour: !Array<number>,
 *   sla_met: number, sla_breached: number, sla_met_percent: ?number, ratings: number, rating_average: ?number,
 *   median_first_response_seconds: ?number,
 *   agents: !Array<{agent_id: string, agent: string, open: number, closed: number}>
 * }}
 */
export let WallboardDay;

/**
 * The wallboard's numbers (GET /api/v1/stats/wallboard, and stats.updated on the live stream, which has no today).
 * @typedef {{
 *   open_total: (number|undefined), new_today: (number|undefined), closed_today: (number|undefined),
 *   escalated: (number|undefined), at_risk: (number|undefined), agents_online: (number|undefined),
 *   chats_waiting: (number|undefined), longest_chat_wait_seconds: (number|undefined),
 *   median_first_response_seconds: (?number|undefined),
 *   opened_per_hour: (!Array<number>|undefined), closed_per_hour: (!Array<number>|undefined),
 *   open_by_queue: (!Array<!QueueCount>|undefined), at: (string|undefined), today: (!WallboardDay|undefined)
 * }}
 */
export let WallboardStats;

/**
 * Open tickets of one queue.
 * @typedef {{queue_id: number, queue: (string|undefined), total: number}}
 */
export let QueueCount;

/**
 * One of the agent's notifications (GET /api/v1/notifications, and notification.created on the live stream).
 * @typedef {{id: number, event: string, ticket_id: ?number, text: string, read: boolean, create_time: string}}
 */
export let Notification;

/**
 * A page of the agent's notifications with the count of all their unread ones.
 * @typedef {{items: !Array<!Notification>, next_cursor: ?string, unread_count: number}}
 */
export let NotificationPage;

/**
 * GET/PUT /api/v1/me/notification-preferences; queue_ids null means the queues held rw on; an event's filter keeps it
 * to tickets whose queue, state, priority and type are in the lists given (queue_ids, state_ids, priority_ids, type_ids).
 * @typedef {{
 *   events: !Object<string, {email: boolean, in_app: boolean, locked: (boolean|undefined),
 *     filter: (?Object<string, !Array<number>>|undefined)}>,
 *   queue_ids: ?Array<number>, quiet: boolean
 * }}
 */
export let NotificationPreferences;

/**
 * A saved view: GET /api/v1/views; `count` is how many tickets it finds for the caller (in the listing).
 * @typedef {{id: number, name: string, filters: !Object<string, *>, sort: ?string, default: boolean, own: boolean,
 *     count: (?number|undefined), columns: (?Array<*>|undefined), role_ids: (?Array<number>|undefined)}}
 */
export let SavedView;

/**
 * The views' counts: GET /api/v1/views/counts.
 * @typedef {{items: !Array<{view_id: number, count: number}>}}
 */
export let ViewCounts;

/**
 * A report (GET /api/v1/reports/{report}): its rows as items keyed in the order of columns.
 * @typedef {{report: string, group_by: string, from: string, to: string, time_zone: string,
 *   columns: !Array<string>, items: !Array<!Object<string, *>>}}
 */
export let Report;

/**
 * A report sent by e-mail (GET/POST /api/v1/reports/schedules).
 * @typedef {{id: number, name: string, report: string, group_by: string, queue_id: ?number, frequency: string,
 *   format: string, recipients: !Array<string>, time_zone: string, next_run_at: string, last_run_at: ?string,
 *   last_outcome: ?string}}
 */
export let ReportSchedule;

/**
 * A file of a knowledge-base article (POST /api/v1/kb/files): an image its body shows at `url`, or a file listed under it.
 * @typedef {{id: number, article_id: ?number, filename: string, content_type: string, size: number,
 *   disposition: string, url: string, create_time: string}}
 */
export let KbFile;

/**
 * A knowledge-base article (GET /api/v1/kb/articles/{id}); body is sanitised HTML.
 * @typedef {{
 *   id: number, category_id: number, translation_of: ?number, language: string, title: string, body: string,
 *   keywords: !Array<string>, state: string, version: number, slug: string,
 *   translations: !Array<{id: number, language: string, title: string, state: string}>,
 *   attachments: !Array<!KbFile>,
 *   helpful: number, not_helpful: number, deflections: number, change_time: string
 * }}
 */
export let KbArticle;

/** @typedef {{id: number, parent_id: ?number, name: string, description: string, position: number, group_ids: !Array<number>, articles: number}} */
export let KbCategory;

/**
 * A search or suggestion match; snippet is escaped text with <mark>.
 * @typedef {{id: number, title: string, language: string, state: string, url: string, snippet: string}}
 */
export let KbHit;

/** @typedef {{version: number, title: string, state: string, language: string, change_time: string, changed_by: ?string}} */
export let KbVersionSummary;

/** @typedef {{version: number, title: string, body: string, state: string, diff: !Array<{op: string, text: string}>}} */
export let KbVersion;

/**
 * A closed ticket like the one being answered.
 * @typedef {{id: number, tn: string, title: ?string}}
 */
export let SimilarTicket;
