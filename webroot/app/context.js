// What the console's views share, written down for the type check; declarations only, undefined at run time.
import { Session } from './api.js';
import { LiveStream } from './live.js';
import { CustomFieldDefinition, Lookup, Me } from './types.js';

/**
 * The lists the forms choose from, loaded once after sign-in: queues the agent reads, moveQueues those a ticket may be
 * moved into.
 * @typedef {{
 *   queues: !Array<!Lookup>, moveQueues: (!Array<!Lookup>|undefined), states: !Array<!Lookup>,
 *   priorities: !Array<!Lookup>, types: !Array<!Lookup>, customFields: !Array<!CustomFieldDefinition>
 * }}
 */
export let Lookups;

/**
 * The view behind the current hash route; the keyboard shortcuts call what it offers.
 * @typedef {{
 *   open: function(), close: (function()|undefined), move: (function(number)|undefined),
 *   openSelected: (function()|undefined), compose: (function(string)|undefined)
 * }}
 */
export let View;

/**
 * The signed-in agent's session and live stream, who they are, the lookups and the current view.
 * @typedef {{session: !Session, live: !LiveStream, me: ?Me, lookups: !Lookups, view: ?View}}
 */
export let ConsoleContext;
