/*
 * GOTRS live chat widget. Embed with one tag on any page of a site listed in chat.allowed_origins:
 *   <script src="https://desk.example.com/chat-widget.js" data-queue="Support" async></script>
 * Optional: data-title="Chat with us", data-lang="de" (else the page's lang, else the browser's). A page that
 * knows a logged-in customer user's access token may call GotrsChat.identify(token) before the chat starts;
 * otherwise the visitor gives a name and an email address.
 * Plain JavaScript, no build step. Everything a person typed is shown with textContent, never as HTML.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.GotrsChat) {
    return;
  }
  var base = new URL(script.src, location.href).origin;
  var queue = script.getAttribute('data-queue') || null;
  /** The widget's words in English and German, chosen by data-lang, else the page's lang, else the browser's. */
  var WORDS = {
    en: {
      title: 'Chat with us', end: 'End chat', name: 'Your name', email: 'Your email', help: 'How can we help?',
      start: 'Start chat', leave: 'Leave a message', typeMessage: 'Type a message', send: 'Send',
      howDidWeDo: 'How did we do?', rating: 'Rating', ofFive: ' of 5', addComment: 'Anything to add? (optional)',
      sendRating: 'Send rating', you: 'You', seen: 'Seen', lost: 'Connection lost; reconnecting\u2026',
      reconnecting: 'Reconnecting\u2026', waiting: 'Waiting for an agent \u2013 you are number {n} in line',
      nobodyKept: 'No one is online right now; your message is kept and we will reply by email',
      chattingWith: 'Chatting with {agent}', ended: 'This chat has ended', endedThanks: 'This chat has ended. Thank you!',
      passing: 'Passing you on to {queue}\u2026', typing: 'Agent is typing\u2026',
      rated: 'Thank you for your rating!', received: 'Thank you \u2013 your message was received (ticket {tn}).',
      nobody: 'No one is online right now. Leave a message and we will get back to you.',
      online: 'We are online \u2013 start a chat and an agent will answer.', chooseStars: 'Choose 1 to 5 stars first.',
      suggested: 'These articles may answer your question:',
      attach: 'Send a file', file: 'File', receivedPlain: 'Thank you \u2013 your message was received.', mailTranscript: 'E-mail me the transcript',
      transcriptSent: 'The transcript is on its way to your e-mail.', notSent: '{file} was not sent: {reason}',
      noThanks: 'No thanks'
    },
    de: {
      title: 'Chatten Sie mit uns', end: 'Chat beenden', name: 'Ihr Name', email: 'Ihre E-Mail-Adresse',
      help: 'Wie k\u00f6nnen wir helfen?', start: 'Chat starten', leave: 'Nachricht hinterlassen',
      typeMessage: 'Nachricht eingeben', send: 'Senden', howDidWeDo: 'Wie waren wir?', rating: 'Bewertung',
      ofFive: ' von 5', addComment: 'M\u00f6chten Sie etwas erg\u00e4nzen? (optional)', sendRating: 'Bewertung senden',
      you: 'Sie', seen: 'Gelesen', lost: 'Verbindung verloren; neuer Versuch\u2026', reconnecting: 'Neuer Versuch\u2026',
      waiting: 'Wir suchen einen Mitarbeiter \u2013 Sie sind Nummer {n} in der Warteschlange',
      nobodyKept: 'Gerade ist niemand online; Ihre Nachricht bleibt erhalten und wir antworten per E-Mail',
      chattingWith: 'Chat mit {agent}', ended: 'Dieser Chat ist beendet', endedThanks: 'Dieser Chat ist beendet. Danke!',
      passing: 'Wir verbinden Sie mit {queue}\u2026', typing: 'Mitarbeiter schreibt\u2026',
      rated: 'Danke f\u00fcr Ihre Bewertung!', received: 'Danke \u2013 Ihre Nachricht ist angekommen (Ticket {tn}).',
      nobody: 'Gerade ist niemand online. Hinterlassen Sie eine Nachricht, wir melden uns.',
      online: 'Wir sind online \u2013 starten Sie einen Chat, ein Mitarbeiter antwortet.',
      chooseStars: 'Bitte zuerst 1 bis 5 Sterne w\u00e4hlen.',
      suggested: 'Diese Artikel beantworten Ihre Frage vielleicht:',
      attach: 'Datei senden', file: 'Datei', receivedPlain: 'Danke \u2013 Ihre Nachricht ist angekommen.', mailTranscript: 'Verlauf per E-Mail senden',
      transcriptSent: 'Der Verlauf ist per E-Mail unterwegs.', notSent: '{file} wurde nicht gesendet: {reason}',
      noThanks: 'Nein, danke'
    }
  };
  var lang = (script.getAttribute('data-lang') || document.documentElement.lang || navigator.language || 'en')
    .slice(0, 2).toLowerCase();
  var words = WORDS[lang] || WORDS.en;

  /**
   * @param {string} key
   * @param {!Object<string, (string|number)>=} values
   * @return {string}
   */
  function say(key, values) {
    return words[key].replace(/\{(\w+)\}/g, function (all, name) { return values && name in values ? String(values[name]) : all; });
  }
  var title = script.getAttribute('data-title') || say('title');
  var storageKey = 'gotrs-chat:' + base;
  var customerToken = null;

  var css = [
    ':host{all:initial}',
    '.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:24px;padding:12px 18px;',
    'background:#1f6feb;color:#fff;font:600 14px system-ui,sans-serif;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.25)}',
    '.panel{position:fixed;right:20px;bottom:76px;z-index:2147483000;width:320px;max-width:calc(100vw - 40px);height:440px;',
    'max-height:calc(100vh - 100px);display:flex;flex-direction:column;background:#fff;color:#111;border-radius:10px;',
    'box-shadow:0 4px 24px rgba(0,0,0,.25);font:14px/1.4 system-ui,sans-serif;overflow:hidden}',
    '.head{background:#1f6feb;color:#fff;padding:10px 12px;font-weight:600;display:flex;justify-content:space-between}',
    '.head button{background:none;border:0;color:#fff;font-size:16px;cursor:pointer}',
    '.status{padding:6px 12px;font-size:12px;color:#555;border-bottom:1px solid #eee;min-height:16px}',
    '.log{flex:1;overflow-y:auto;padding:8px 12px}',
    '.msg{margin:6px 0;max-width:85%;padding:6px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}',
    '.customer{margin-left:auto;background:#1f6feb;color:#fff}.agent{background:#f0f0f0}',
    '.system{color:#666;font-size:12px;text-align:center;max-width:100%}',
    '.who{display:block;font-size:11px;opacity:.75}.seen{font-size:11px;color:#888;text-align:right}',
    '.typing{padding:0 12px;font-size:12px;color:#888;min-height:16px}',
    'form{display:flex;flex-direction:column;gap:6px;padding:10px 12px;border-top:1px solid #eee}',
    'input,textarea{font:inherit;padding:6px 8px;border:1px solid #ccc;border-radius:6px}',
    'textarea{resize:none;height:52px}',
    'form button{padding:8px;border:0;border-radius:6px;background:#1f6feb;color:#fff;font:inherit;cursor:pointer}',
    '.stars{display:flex;gap:4px}.stars button{background:none;color:#bbb;font-size:22px;padding:0 2px}',
    '.stars button.on{color:#e3a008}',
    '.suggest{font-size:13px;background:#f5f8ff;border-left:3px solid #1f6feb;padding:6px 8px;border-radius:4px}',
    '.suggest ul{margin:4px 0 0;padding-left:16px}.suggest a{color:#0b3d91}',
    '.files{display:flex;flex-direction:column;gap:4px;margin-top:4px}.files img{max-width:100%;border-radius:6px}',
    '.files button{background:none;border:0;padding:0;color:inherit;text-decoration:underline;cursor:pointer;font:inherit}',
    '.talk-actions{display:flex;gap:6px}.talk-actions button{flex:1}.attach{flex:0 0 auto!important;background:#eee!important;color:#111!important}',
    '.transcript{margin:0 12px 10px;padding:8px;border:1px solid #1f6feb;border-radius:6px;background:#fff;color:#1f6feb;',
    'font:inherit;cursor:pointer}',
    '.panel.inviting{height:auto}.panel.inviting .log,.panel.inviting .typing{display:none}',
    '.invite{display:flex;flex-direction:column;justify-content:center;gap:14px;padding:16px}',
    '.invite p{margin:0;font-size:15px;white-space:pre-wrap;word-wrap:break-word}',
    '.invite div{display:flex;gap:8px}.invite button{flex:1;padding:9px;border:0;border-radius:6px;font:inherit;cursor:pointer}',
    '.invite .yes{background:#1f6feb;color:#fff}.invite .no{background:#eee;color:#111}',
    '.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}',
    '[hidden]{display:none!important}'
  ].join('');

  /**
   * @param {string} tag
   * @param {!Object<string, string>=} attrs
   * @param {?string=} text
   * @return {!HTMLElement}
   */
  function el(tag, attrs, text) {
    var node = /** @type {!HTMLElement} */ (document.createElement(tag));
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text != null) {
      node.textContent = text;
    }
    return node;
  }

  var host = el('div', { id: 'gotrs-chat' });
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  root.appendChild(el('style', {}, css));
  var launcher = el('button', { class: 'launcher', type: 'button' }, title);
  var panel = el('div', { class: 'panel', hidden: '' });
  var head = el('div', { class: 'head' });
  var closeButton = el('button', { type: 'button', title: say('end'), 'aria-label': say('end') }, '\u00d7');
  head.appendChild(el('span', {}, title));
  head.appendChild(closeButton);
  var status = el('div', { class: 'status', role: 'status' });
  var log = el('div', { class: 'log', 'aria-live': 'polite' });
  var typing = el('div', { class: 'typing' });
  var startForm = el('form');
  var nameInput = el('input', { name: 'name', placeholder: say('name'), maxlength: '200', required: '' });
  var emailInput = el('input', { name: 'email', type: 'email', placeholder: say('email'), maxlength: '255', required: '' });
  var firstInput = el('textarea', { name: 'message', placeholder: say('help'), maxlength: '4000' });
  var startButton = el('button', { type: 'submit' }, say('start'));
  var suggest = el('div', { class: 'suggest', hidden: '', 'aria-live': 'polite' });
  suggest.appendChild(el('span', {}, say('suggested')));
  var suggestList = el('ul');
  suggest.appendChild(suggestList);
  // a field people do not see: a program that fills every field fills it too
  var trapInput = el('input', { name: 'website', tabindex: '-1', autocomplete: 'off', 'aria-hidden': 'true', class: 'trap' });
  var formShownAt = Date.now();
  [nameInput, emailInput, firstInput, trapInput, suggest, startButton].forEach(function (n) { startForm.appendChild(n); });
  var talkForm = el('form', { hidden: '' });
  var textInput = el('textarea', { name: 'text', placeholder: say('typeMessage'), maxlength: '4000' });
  talkForm.appendChild(textInput);
  var fileInput = /** @type {!HTMLInputElement} */ (el('input', { type: 'file', name: 'file', hidden: '', multiple: '' }));
  var attachButton = el('button', { type: 'button', class: 'attach', title: say('attach'), 'aria-label': say('attach') },
    say('file'));
  var talkActions = el('div', { class: 'talk-actions' });
  talkActions.appendChild(attachButton);
  talkActions.appendChild(el('button', { type: 'submit' }, say('send')));
  talkForm.appendChild(fileInput);
  talkForm.appendChild(talkActions);
  var rateForm = el('form', { hidden: '', class: 'rate' });
  rateForm.appendChild(el('span', {}, say('howDidWeDo')));
  var stars = el('div', { class: 'stars', role: 'radiogroup', 'aria-label': say('rating') });
  var chosenScore = 0;
  [1, 2, 3, 4, 5].forEach(function (score) {
    var star = el('button', { type: 'button', 'data-score': String(score), 'aria-label': score + say('ofFive'),
      role: 'radio', 'aria-checked': 'false' }, '\u2605');
    star.addEventListener('click', function () {
      chosenScore = score;
      Array.prototype.forEach.call(stars.children, function (other) {
        var on = Number(other.getAttribute('data-score')) <= score;
        other.setAttribute('aria-checked', String(Number(other.getAttribute('data-score')) === score));
        other.className = on ? 'on' : '';
      });
    });
    stars.appendChild(star);
  });
  rateForm.appendChild(stars);
  var rateComment = el('textarea', { name: 'comment', placeholder: say('addComment'), maxlength: '2000' });
  rateForm.appendChild(rateComment);
  rateForm.appendChild(el('button', { type: 'submit' }, say('sendRating')));
  var transcriptButton = el('button', { type: 'button', class: 'transcript', hidden: '' }, say('mailTranscript'));
  // the greeting of an invitation rule (see inviteLater), in place of the start form until the visitor answers
  var invite = el('div', { class: 'invite', hidden: '' });
  var inviteGreeting = el('p', { class: 'greeting', 'aria-live': 'polite' });
  var inviteActions = el('div');
  var inviteYes = el('button', { type: 'button', class: 'yes' }, say('start'));
  var inviteNo = el('button', { type: 'button', class: 'no' }, say('noThanks'));
  inviteActions.appendChild(inviteYes);
  inviteActions.appendChild(inviteNo);
  invite.appendChild(inviteGreeting);
  invite.appendChild(inviteActions);
  [head, status, invite, log, typing, startForm, talkForm, rateForm, transcriptButton].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(panel);
  root.appendChild(launcher);

  /**
   * A frame of /ws/chat; which fields it has depends on its type.
   * @typedef {{type: string, resume_token: (string|undefined), available: (boolean|undefined),
   *   position: (number|undefined), state: (string|undefined), agent: (string|undefined),
   *   messages: (!Array<?>|undefined), read_message_id: (number|undefined), message_id: (number|undefined),
   *   queue: (string|undefined), tn: (string|undefined), code: (string|undefined), message: (string|undefined),
   *   chat_id: (number|undefined)}}
   */
  var ChatFrame;

  var socket = null;
  var chat = null;          // {token, state}
  var leaving = false;      // no one is online: the form leaves a message instead
  var retryDelay = 1000;
  var lastTypingSent = 0;
  var typingTimer = null;
  var lastAgentMessage = 0;
  var lastReadSent = 0;
  var ownMessages = [];     // [{id, node}] to mark as seen
  var hadAgent = false;     // an agent took the chat: when it ends, the visitor is asked how it went

  function setStatus(text) {
    status.textContent = text || '';
  }

  function show(node, visible) {
    if (visible) { node.removeAttribute('hidden'); } else { node.setAttribute('hidden', ''); }
  }

  function addLine(message) {
    var line = el('div', { class: 'msg ' + message.from });
    if (message.from !== 'system') {
      line.appendChild(el('span', { class: 'who' }, message.from === 'customer' ? say('you') : message.name));
    }
    if (message.attachments && message.attachments.length) {
      line.appendChild(files(message.attachments));
    } else {
      line.appendChild(document.createTextNode(message.text));
    }
    log.appendChild(line);
    if (message.from === 'customer') {
      ownMessages.push({ id: message.message_id, node: line });
    } else if (message.from === 'agent') {
      lastAgentMessage = Math.max(lastAgentMessage, message.message_id);
      show(typing, false);
    }
    log.scrollTop = log.scrollHeight;
    markRead();
  }

  /**
   * A chat's files, fetched with the chat's token: images shown, other files as links that save them.
   * @param {!Array<{id: number, filename: string, size: ?number, content_type: string, url: string}>} attachments
   * @return {!HTMLElement}
   */
  function files(attachments) {
    var list = el('div', { class: 'files' });
    attachments.forEach(function (file) {
      var fetched = fetch(base + file.url, { headers: { 'X-Chat-Token': chat ? chat.token : '' } })
        .then(function (response) { return response.ok ? response.blob() : Promise.reject(response.status); })
        .then(function (blob) { return URL.createObjectURL(blob); });
      if (/^image\//.test(file.content_type)) {
        var image = el('img', { alt: file.filename, title: file.filename });
        image.addEventListener('load', function () { log.scrollTop = log.scrollHeight; });
        fetched.then(function (url) { image.src = url; }).catch(function () { image.alt = file.filename + ' \u2716'; });
        list.appendChild(image);
        return;
      }
      var link = el('button', { type: 'button', class: 'file' }, file.filename + size(file.size));
      link.addEventListener('click', function () {
        fetched.then(function (url) {
          var save = el('a', { href: url, download: file.filename });
          root.appendChild(save);
          save.click();
          save.remove();
        });
      });
      list.appendChild(link);
    });
    return list;
  }

  /**
   * @param {?number} bytes
   * @return {string} e.g. " (12 KB)"
   */
  function size(bytes) {
    return bytes == null ? '' : bytes < 1024 ? ' (' + bytes + ' B)' : bytes < 1048576 ? ' (' + Math.round(bytes / 1024) + ' KB)'
      : ' (' + (bytes / 1048576).toFixed(1) + ' MB)';
  }

  /** Sends the chosen files, one upload each; the server echoes each as a chat message. */
  function sendFiles(chosen) {
    Array.prototype.forEach.call(chosen, function (file) {
      var form = new FormData();
      form.append('file', file, file.name);
      fetch(base + '/api/v1/chats/' + chat.id + '/files', { method: 'POST', headers: { 'X-Chat-Token': chat.token }, body: form })
        .then(function (response) {
          if (!response.ok) {
            return response.json().catch(function () { return {}; }).then(function (problem) {
              setStatus(say('notSent', { file: file.name, reason: problem.detail || problem.title || response.status }));
            });
          }
        })
        .catch(function () { setStatus(say('notSent', { file: file.name, reason: say('lost') })); });
    });
  }

  function markSeen(messageId) {
    var old = log.querySelector('.seen');
    if (old) { old.parentNode.removeChild(old); }
    var seen = ownMessages.filter(function (m) { return m.id <= messageId; }).pop();
    if (seen) {
      seen.node.parentNode.insertBefore(el('div', { class: 'seen' }, say('seen')), seen.node.nextSibling);
    }
  }

  function markRead() {
    if (lastAgentMessage > lastReadSent && !panel.hasAttribute('hidden') && document.visibilityState === 'visible') {
      lastReadSent = lastAgentMessage;
      send({ type: 'chat.read', message_id: lastAgentMessage });
    }
  }

  function send(frame) {
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function talking(state) {
    chat.state = state;
    show(startForm, false);
    show(talkForm, state !== 'closed');
  }

  /** After a chat has ended, opening the panel again offers a new one. */
  function reset() {
    chat = null;
    ownMessages = [];
    lastAgentMessage = 0;
    lastReadSent = 0;
    while (log.firstChild) { log.removeChild(log.firstChild); }
    show(talkForm, false);
    show(transcriptButton, false);
    show(startForm, true);
  }

  function connect(then) {
    socket = new WebSocket(base.replace(/^http/, 'ws') + '/ws/chat');
    socket.onopen = function () {
      retryDelay = 1000;
      then();
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = /** @type {!ChatFrame} */ (JSON.parse(event.data)); } catch (e) { return; }
      receive(frame);
    };
    socket.onclose = function () {
      socket = null;
      if (chat && chat.state !== 'closed') {
        setStatus(say('lost'));
        setTimeout(function () { connect(resume); }, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      }
    };
  }

  function resume() {
    send({ type: 'chat.resume', resume_token: chat.token });
  }

  /** @param {!ChatFrame} frame */
  function receive(frame) {
    switch (frame.type) {
      case 'chat.queued':
        chat = { token: frame.resume_token, state: 'waiting', id: frame.chat_id };
        sessionStorage.setItem(storageKey, frame.resume_token);
        talking('waiting');
        setStatus(frame.available ? say('waiting', { n: frame.position }) : say('nobodyKept'));
        break;
      case 'chat.resumed':
        chat.id = frame.chat_id;
        while (log.firstChild) { log.removeChild(log.firstChild); }
        ownMessages = [];
        frame.messages.forEach(addLine);
        hadAgent = frame.state === 'active';
        talking(frame.state);
        setStatus(frame.state === 'active' ? say('chattingWith', { agent: frame.agent })
          : frame.state === 'waiting' ? say('waiting', { n: frame.position }) : say('ended'));
        if (frame.read_message_id) { markSeen(frame.read_message_id); }
        break;
      case 'chat.position':
        setStatus(say('waiting', { n: frame.position }));
        break;
      case 'chat.accepted':
        hadAgent = true;
        talking('active');
        setStatus(say('chattingWith', { agent: frame.agent }));
        break;
      case 'chat.transferred':
        talking('waiting');
        setStatus(say('passing', { queue: frame.queue }));
        break;
      case 'chat.message':
        addLine(frame);
        break;
      case 'chat.typing':
        typing.textContent = say('typing');
        show(typing, true);
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { show(typing, false); }, 3000);
        break;
      case 'chat.read':
        markSeen(frame.message_id);
        break;
      case 'chat.closed':
        sessionStorage.removeItem(storageKey);
        clearTimeout(typingTimer);
        show(typing, false);
        talking('closed');
        setStatus(say('endedThanks'));
        show(rateForm, hadAgent);
        show(transcriptButton, true);
        break;
      case 'chat.transcript_sent':
        show(transcriptButton, false);
        setStatus(say('transcriptSent'));
        break;
      case 'chat.rated':
        show(rateForm, false);
        setStatus(say('rated'));
        break;
      case 'chat.message_left':
        sessionStorage.removeItem(storageKey);
        show(startForm, false);
        setStatus(frame.tn ? say('received', { tn: frame.tn }) : say('receivedPlain'));
        break;
      case 'error':
        if (frame.code === 'not_found' && chat) {
          sessionStorage.removeItem(storageKey);
          chat = null;
          show(startForm, true);
          show(talkForm, false);
        }
        setStatus(frame.message);
        break;
    }
  }

  /**
   * Whether an agent is free for the widget's queue, and the invitations the desk may show now.
   * @return {!Promise<{available: boolean, invitations: (!Array<!Invitation>|undefined)}>}
   */
  function availability() {
    return fetch(base + '/api/v1/chats/availability' + (queue ? '?queue=' + encodeURIComponent(queue) : ''))
      .then(function (response) { return response.json(); });
  }

  function checkAvailability() {
    availability()
      .then(function (answer) {
        leaving = !answer.available;
        firstInput.required = leaving;
        startButton.textContent = leaving ? say('leave') : say('start');
        setStatus(leaving ? say('nobody') : say('online'));
      })
      .catch(function () { setStatus(''); });
  }

  /*
   * Knowledge-base answers while the visitor describes their question: public articles, opened in the help center.
   * On the desk's own pages an opened article counts as a deflection until the visitor starts the chat anyway.
   */
  var suggestTimer = 0;
  var suggestAsked = '';
  var deflections = [];
  var sameSite = base === location.origin;
  function suggestArticles() {
    var typed = firstInput.value.trim().slice(0, 400);
    if (typed === suggestAsked) { return; }
    suggestAsked = typed;
    if (typed.length < 3) { show(suggest, false); return; }
    fetch(base + '/api/v1/kb/suggest?limit=3&q=' + encodeURIComponent(typed))
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (answer) {
        if (typed !== suggestAsked) { return; }
        while (suggestList.firstChild) { suggestList.removeChild(suggestList.firstChild); }
        answer.items.forEach(function (hit) {
          var link = el('a', { href: base + hit.url + '?lang=' + lang, target: '_blank', rel: 'noopener' }, hit.title);
          link.addEventListener('click', function () { countDeflection(hit.id); });
          var item = el('li');
          item.appendChild(link);
          suggestList.appendChild(item);
        });
        show(suggest, answer.items.length > 0);
      })
      .catch(function () { show(suggest, false); });
  }
  function countDeflection(articleId) {
    if (!sameSite) { return; }
    fetch(base + '/api/v1/kb/deflections', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ article_id: articleId, channel: 'chat' }) })
      .then(function (response) { return response.json(); })
      .then(function (answer) { if (answer.id) { deflections.push(answer.id); } })
      .catch(function () {});
  }
  firstInput.addEventListener('input', function () {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(suggestArticles, 250);
  });

  startForm.addEventListener('submit', function (event) {
    event.preventDefault();
    if (deflections.length) {
      fetch(base + '/api/v1/kb/deflections/submitted', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ids: deflections }) }).catch(function () {});
      deflections = [];
    }
    show(suggest, false);
    var frame = {
      type: leaving ? 'chat.leave_message' : 'chat.start',
      name: nameInput.value.trim(),
      email: emailInput.value.trim(),
      message: firstInput.value.trim() || undefined
    };
    if (queue) { frame.queue = queue; }
    if (leaving) {
      frame.website = /** @type {!HTMLInputElement} */ (trapInput).value;
      frame.form_ms = Date.now() - formShownAt;
    } else {
      frame.page_url = location.href;
      if (document.referrer) { frame.referrer = document.referrer; }
    }
    if (customerToken && !leaving) { frame.token = customerToken; }
    if (!leaving) {
      firstInput.value = '';
    }
    var go = function () { send(frame); };
    if (!send(frame)) { connect(go); }
  });

  rateForm.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!chosenScore) {
      setStatus(say('chooseStars'));
      return;
    }
    send({ type: 'chat.rate', score: chosenScore, comment: rateComment.value });
  });

  talkForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = textInput.value.trim();
    if (text && send({ type: 'chat.message', text: text })) {
      textInput.value = '';
    }
  });

  attachButton.addEventListener('click', function () { fileInput.click(); });
  fileInput.addEventListener('change', function () {
    if (chat && chat.id && fileInput.files.length) { sendFiles(fileInput.files); }
    fileInput.value = '';
  });

  textInput.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      talkForm.requestSubmit ? talkForm.requestSubmit() : talkForm.dispatchEvent(new Event('submit'));
    }
  });

  textInput.addEventListener('input', function () {
    var now = Date.now();
    if (now - lastTypingSent >= 1000 && send({ type: 'chat.typing' })) {
      lastTypingSent = now;
    }
  });

  transcriptButton.addEventListener('click', function () {
    var frame = { type: 'chat.transcript', language: lang };
    if (!send(frame)) { connect(function () { resume(); send(frame); }); }
  });

  /**
   * An invitation rule as the availability names it: url_pattern is a glob (* for any characters).
   * @typedef {{url_pattern: string, seconds_on_page: number, greeting: string, queue: ?string}}
   */
  var Invitation;

  /*
   * Proactive invitations: the first rule whose pattern matches this page opens the panel with its greeting after
   * its seconds on the page, unless a chat is running, the visitor has begun filling in the start form, or said no
   * within a day.
   */
  var dismissedKey = 'gotrs-chat-invitation-dismissed:' + base;
  var DAY_MS = 24 * 60 * 60 * 1000;
  var invitedQueue = null;

  /**
   * @param {string} pattern
   * @param {string} address
   * @return {boolean}
   */
  function matches(pattern, address) {
    var source = pattern.split('*').map(function (part) { return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'); });
    return new RegExp('^' + source.join('.*') + '$', 'i').test(address);
  }

  /** @return {boolean} */
  function dismissedLately() {
    try {
      var at = Number(localStorage.getItem(dismissedKey));
      return at > 0 && Date.now() - at < DAY_MS;
    } catch (blocked) {
      return false;
    }
  }

  /** @param {!Array<!Invitation>} rules */
  function inviteLater(rules) {
    var rule = rules.filter(function (r) { return matches(r.url_pattern, location.href); })[0];
    if (!rule || dismissedLately()) { return; }
    setTimeout(function () {
      var begun = [nameInput, emailInput, firstInput].some(function (input) { return input.value !== ''; });
      if (chat || begun || dismissedLately()) { return; }
      invitedQueue = rule.queue;
      inviteGreeting.textContent = rule.greeting;
      panel.classList.add('inviting');
      show(status, false);
      show(startForm, false);
      show(invite, true);
      show(panel, true);
      inviteYes.focus();
    }, rule.seconds_on_page * 1000);
  }

  /** @return {boolean} */
  function inviting() {
    return !invite.hasAttribute('hidden');
  }

  function endInvitation() {
    panel.classList.remove('inviting');
    show(invite, false);
    show(status, true);
    show(startForm, true);
  }

  /** "No thanks", or closing the invitation: not asked again on this site for a day. */
  function declineInvitation() {
    try {
      localStorage.setItem(dismissedKey, String(Date.now()));
    } catch (blocked) {
      // without storage the visitor may be asked again on the next page
    }
    endInvitation();
    show(panel, false);
  }

  inviteYes.addEventListener('click', function () {
    endInvitation();
    if (invitedQueue) { queue = invitedQueue; }
    formShownAt = Date.now();
    checkAvailability();
    (customerToken ? firstInput : nameInput).focus();
  });
  inviteNo.addEventListener('click', declineInvitation);

  closeButton.addEventListener('click', function () {
    if (inviting()) {
      declineInvitation();
    } else if (chat && chat.state !== 'closed') {
      send({ type: 'chat.close' });
    } else {
      show(panel, false);
    }
  });

  launcher.addEventListener('click', function () {
    if (inviting()) {
      declineInvitation();
      return;
    }
    var opening = panel.hasAttribute('hidden');
    show(panel, opening);
    if (opening && chat && chat.state === 'closed') {
      reset();
    }
    if (opening && !chat) {
      formShownAt = Date.now();
      checkAvailability();
    }
    markRead();
  });

  document.addEventListener('visibilitychange', markRead);

  window.GotrsChat = {
    /** A logged-in customer user's access token: the chat is theirs and they need not give name and email. */
    identify: function (token) {
      customerToken = token;
      show(nameInput, !token);
      show(emailInput, !token);
      nameInput.required = !token;
      emailInput.required = !token;
    },
    open: function () { if (panel.hasAttribute('hidden')) { launcher.click(); } }
  };

  function mount() {
    document.body.appendChild(host);
    var token = sessionStorage.getItem(storageKey);
    if (token) {
      chat = { token: token, state: 'waiting' };
      show(panel, true);
      show(startForm, false);
      setStatus(say('reconnecting'));
      connect(resume);
    } else {
      availability().then(function (answer) { inviteLater(answer.invitations || []); }).catch(function () {});
    }
  }

  if (document.body) { mount(); } else { document.addEventListener('DOMContentLoaded', mount); }
})();
