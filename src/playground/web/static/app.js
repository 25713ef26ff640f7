// The playground page: a compact Slack-like client over the simulator's same-origin /sim API.
// Message and modal HTML comes ready-rendered (and escaped) from the server; everything else built here is escaped here.
/* global document, window, localStorage, CSS, EventSource, HTMLElement, HTMLSelectElement, HTMLInputElement, HTMLTextAreaElement -- browser, not Node */

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
const enc = encodeURIComponent;

const STORAGE_KEYS = { user: 'warroom-playground.user', channel: 'warroom-playground.channel', tab: 'warroom-playground.tab' };

const REACTION_CHOICES = [
  ['eyes', '👀'], ['pushpin', '📌'], ['white_check_mark', '✅'], ['fire', '🔥'],
  ['rotating_light', '🚨'], ['+1', '👍'], ['warning', '⚠️'],
];

const SLASH_COMMANDS = [
  { text: '/incident declare Checkout errors --sev SEV2', hint: 'Declare an incident and open a war room' },
  { text: '/incident help', hint: 'What the bot can do' },
  { text: '/incident status', hint: 'Status of the incident in this channel' },
  { text: '/incident rollback checkout-api -n shop', hint: 'Roll a deployment back' },
  { text: '/deploy-check checkout', hint: 'Is it safe to deploy now?' },
];

// Inline icons for the page's own chrome: emoji fonts are not everywhere (e.g. headless Linux), these always draw.
const svg = (body) => `<svg viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;
const ICONS = {
  reaction: svg('<circle cx="9" cy="10" r="6.5"/><path d="M6.5 12c.7 1 1.5 1.5 2.5 1.5s1.8-.5 2.5-1.5"/><path d="M7 8h.01M11 8h.01" stroke-width="2.2"/><path d="M16.5 2v4M14.5 4h4"/>'),
  pin: svg('<path d="M7.5 2.5h5l-.8 5 2.8 2.5v1.5h-9V10l2.8-2.5z"/><path d="M10 11.5V17.5"/>'),
  thread: svg('<path d="M3.5 4.5h13v8.5h-7l-4 3v-3h-2z"/>'),
  eye: svg('<path d="M1.8 10s3-5.5 8.2-5.5 8.2 5.5 8.2 5.5-3 5.5-8.2 5.5S1.8 10 1.8 10z"/><circle cx="10" cy="10" r="2.3"/>'),
};

const TOAST_MS = 5000;
const BUTTON_COOLDOWN_MS = 1200;

/** Everything the page knows; `generation` bumps on a user switch so late answers for the old user are dropped. */
const app = {
  me: null,
  state: null,
  channelId: null,
  channel: null,
  threadTs: null,
  events: null,
  generation: 0,
  modalKey: null,
  modalViewId: null,
  scrollToEnd: true,
};

// ---------- small helpers ----------

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function storageGet(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}
function storageSet(key, value) {
  try { localStorage.setItem(key, value); } catch { /* private mode: the choice just isn't remembered */ }
}

/** GET when no body, else POST JSON. Answers shaped `{ok…}` are returned even on HTTP errors so callers see `error(s)`. */
async function api(path, body) {
  const init = body === undefined
    ? { headers: { accept: 'application/json' } }
    : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new Error(`Cannot reach the playground server (${error.message})`);
  }
  let data = null;
  try { data = await response.json(); } catch { /* not JSON */ }
  if (data && typeof data === 'object' && 'ok' in data) return data;
  if (!response.ok) throw new Error(`${response.status} ${response.statusText || 'error'} from ${path.split('?')[0]}`);
  return data;
}

/** POST where a failure only needs telling (reactions, pins, actions…): shows it as a toast. */
async function post(path, body) {
  try {
    const result = await api(path, body);
    if (result && result.ok === false) showToast(result.error ? `${path}: ${result.error}` : `${path} failed`, 'error');
    return result;
  } catch (error) {
    showToast(error.message, 'error');
    return { ok: false, error: error.message };
  }
}

/** Runs `task` at most once at a time; calls made meanwhile collapse into one more run afterwards. */
function coalesced(task) {
  let running = null;
  let again = false;
  return function run() {
    if (running) { again = true; return running; }
    running = (async () => {
      try {
        do {
          again = false;
          try { await task(); } catch (error) { console.error(error); setConnection('error', error.message); }
        } while (again);
      } finally { running = null; }
    })();
    return running;
  };
}

function userHue(id) {
  let hash = 0;
  for (const c of String(id ?? '')) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  return hash % 360;
}

/** Server times may come preformatted ("14:03") or as ISO timestamps; show ISO ones as local HH:MM. */
function formatTime(value) {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }
  if (typeof value === 'number') return new Date(value * (value < 1e12 ? 1000 : 1)).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return String(value ?? '');
}
function formatDate(value) {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : String(value ?? '');
}

const idOf = (me) => (me && typeof me === 'object' ? me.id : me) ?? null;
const userName = (id) => app.state?.users?.find((u) => u.id === id)?.name ?? id ?? '';
const currentChannel = () => app.state?.channels?.find((c) => c.id === app.channelId) ?? null;
const channelLabel = (c) => (c ? (c.isIm ? c.name : `#${c.name}`) : '');

// ---------- state and sidebar ----------

const refreshState = coalesced(async () => {
  const generation = app.generation;
  const state = await api(app.me ? `/sim/state?user=${enc(app.me)}` : '/sim/state');
  if (generation !== app.generation) return;
  const known = state.users?.some((u) => u.id === app.me);
  if (!known) {
    // First visit or a remembered user that no longer exists: adopt the server's default and reload as them.
    const fallback = idOf(state.me) ?? state.users?.[0]?.id ?? null;
    if (fallback && fallback !== app.me) {
      app.me = fallback;
      storageSet(STORAGE_KEYS.user, fallback);
      connectStream();
      refreshState(); // collapses into one more run of this task, now as the adopted user
      return;
    }
  }
  app.state = state;
  setConnectionOkIfError();
  renderUserSwitcher();
  renderChannelList();
  renderScenarios();
  renderPanels();
  renderModal();
  ensureChannelSelected();
});

function renderUserSwitcher() {
  const select = $('#user-switcher');
  const users = app.state?.users ?? [];
  const signature = JSON.stringify(users.map((u) => [u.id, u.name, u.title]));
  if (select.dataset.signature !== signature) {
    select.dataset.signature = signature;
    select.innerHTML = users.map((u) => {
      const extra = [u.realName && u.realName !== u.name ? u.realName : '', u.title].filter(Boolean).join(' · ');
      return `<option value="${escapeHtml(u.id)}">${escapeHtml(u.name)}${extra ? ` — ${escapeHtml(extra)}` : ''}</option>`;
    }).join('');
  }
  select.value = app.me ?? '';
}

function renderChannelList() {
  const channels = app.state?.channels ?? [];
  const item = (c) => {
    const unread = Number(c.unread) || 0;
    const classes = ['channel-item', c.isIncident ? 'incident' : '', c.isPrivate && !c.isIm ? 'private' : '', c.isIm ? 'im' : '',
      unread > 0 ? 'unread' : '', c.id === app.channelId ? 'selected' : ''].filter(Boolean).join(' ');
    // The unread count is drawn by CSS from data-unread so the item's text stays exactly "#name" (a test hook).
    return `<li><button type="button" class="${classes}" data-channel-id="${escapeHtml(c.id)}"${unread > 0 ? ` data-unread="${unread}"` : ''}`
      + `${c.id === app.channelId ? ' aria-current="page"' : ''} title="${escapeHtml(c.topic || channelLabel(c))}"><span class="channel-label">${escapeHtml(channelLabel(c))}</span></button></li>`;
  };
  const publicList = channels.filter((c) => !c.isIm);
  const dms = channels.filter((c) => c.isIm);
  $('#channel-list-public').innerHTML = publicList.map(item).join('') || '<li class="muted empty">No channels</li>';
  $('#channel-list-dms').innerHTML = dms.map(item).join('') || '<li class="muted empty">No direct messages</li>';
  const unreadTotal = channels.reduce((sum, c) => sum + (Number(c.unread) || 0), 0);
  document.title = unreadTotal > 0 ? `(${unreadTotal}) Warroom playground` : 'Warroom playground';
}

function ensureChannelSelected() {
  const channels = app.state?.channels ?? [];
  if (channels.length === 0) return;
  if (app.channelId && channels.some((c) => c.id === app.channelId)) {
    updateComposerPlaceholder();
    return;
  }
  const remembered = storageGet(STORAGE_KEYS.channel);
  const next = channels.find((c) => c.id === remembered) ?? channels.find((c) => !c.isIm) ?? channels[0];
  openChannel(next.id);
}

function openChannel(id) {
  if (app.channelId !== id) {
    app.channelId = id;
    app.channel = null;
    app.scrollToEnd = true;
    $('#messages').replaceChildren();
    closeThread();
    setComposerError($('#composer'), '');
  }
  storageSet(STORAGE_KEYS.channel, id);
  for (const el of $$('#channel-list [data-channel-id]')) {
    const selected = el.dataset.channelId === id;
    el.classList.toggle('selected', selected);
    if (selected) el.setAttribute('aria-current', 'page'); else el.removeAttribute('aria-current');
  }
  renderChannelHeader();
  updateComposerPlaceholder();
  refreshChannel();
}

// ---------- channel and messages ----------

let channelRequest = 0;
const refreshChannel = coalesced(async () => {
  const id = app.channelId;
  if (!id || !app.me) return;
  const request = ++channelRequest;
  const generation = app.generation;
  const data = await api(`/sim/channels/${enc(id)}?user=${enc(app.me)}`);
  if (request !== channelRequest || id !== app.channelId || generation !== app.generation) return;
  app.channel = data.channel ?? null;
  renderChannelHeader();
  renderMessageList($('#messages'), data.items ?? [], { thread: false });
  // Opening the channel marks it read on the server; clear our badge now rather than waiting for the event.
  const listed = $(`#channel-list [data-channel-id="${CSS.escape(id)}"]`);
  if (listed) { listed.classList.remove('unread'); listed.removeAttribute('data-unread'); }
});

const refreshThread = coalesced(async () => {
  const id = app.channelId;
  const ts = app.threadTs;
  if (!id || !ts || !app.me) return;
  const data = await api(`/sim/channels/${enc(id)}?user=${enc(app.me)}&thread=${enc(ts)}`);
  if (id !== app.channelId || ts !== app.threadTs) return;
  renderMessageList($('#thread-messages'), data.items ?? [], { thread: true });
});

function renderChannelHeader() {
  const listed = currentChannel();
  const channel = app.channel;
  const name = channel?.name ?? listed?.name ?? '';
  const isIm = listed?.isIm ?? false;
  const nameEl = $('#channel-name');
  nameEl.textContent = isIm ? name : `#${name}`;
  nameEl.classList.toggle('incident', Boolean(listed?.isIncident));
  nameEl.classList.toggle('private', Boolean(listed?.isPrivate && !isIm));
  // The server renders the topic's mentions (<@U…>) as Slack does, escaped like every message.
  if (channel?.topicHtml !== undefined) $('#channel-topic').innerHTML = channel.topicHtml;
  else $('#channel-topic').textContent = listed?.topic ?? '';
  const members = channel?.members ?? [];
  const membersEl = $('#channel-members');
  membersEl.textContent = members.length ? `${members.length} member${members.length === 1 ? '' : 's'}: ${members.join(', ')}` : '';
  membersEl.title = members.join(', ');
  $('.thread-channel').textContent = listed ? channelLabel(listed) : '';
}

function isNearBottom(el) {
  return el.scrollHeight - el.scrollTop - el.clientHeight < 48;
}

/**
 * Updates a message list in place: unchanged items keep their DOM nodes (so an open picker, focus or a half-chosen
 * select survive live updates), changed ones are re-rendered, and the view follows new messages only when the
 * reader was already at the bottom.
 */
function renderMessageList(container, items, { thread }) {
  const stick = (!thread && app.scrollToEnd) || isNearBottom(container);
  if (!thread) app.scrollToEnd = false;
  const existing = new Map($$(':scope > .message', container).map((el) => [el.dataset.key, el]));
  const nodes = items.map((item, index) => {
    const key = `${item.ephemeral ? 'e' : 'm'}:${item.ts}`;
    const variant = thread ? (index === 0 ? 'parent' : 'reply') : 'channel';
    const signature = `${variant}|${JSON.stringify(item)}`;
    const old = existing.get(key);
    if (old && old._signature === signature) return old;
    const node = renderMessage(item, variant);
    node.dataset.key = key;
    node._signature = signature;
    if (old?.classList.contains('picker-open')) node.classList.add('picker-open');
    return node;
  });
  if (items.length === 0) {
    const empty = document.createElement('div');
    empty.className = 'empty-state';
    empty.textContent = thread ? 'No replies yet.' : 'No messages yet. Say hello, or try a slash command below.';
    nodes.push(empty);
  }
  if (thread && nodes.length > 1 && items.length > 0) {
    const divider = container.querySelector(':scope > .thread-divider') ?? document.createElement('div');
    divider.className = 'thread-divider';
    divider.textContent = items.length - 1 === 1 ? '1 reply' : `${items.length - 1} replies`;
    nodes.splice(1, 0, divider);
  }
  // Move/insert only what differs so untouched nodes are never detached.
  let cursor = container.firstChild;
  for (const node of nodes) {
    if (node === cursor) { cursor = cursor.nextSibling; continue; }
    container.insertBefore(node, cursor);
  }
  while (cursor) { const next = cursor.nextSibling; cursor.remove(); cursor = next; }
  if (stick) container.scrollTop = container.scrollHeight;
}

function renderMessage(item, variant) {
  const el = document.createElement('div');
  el.className = ['message', item.ephemeral ? 'ephemeral' : '', item.pinned ? 'pinned' : '', item.isBot ? 'bot' : '', variant === 'parent' ? 'thread-parent' : ''].filter(Boolean).join(' ');
  el.dataset.ts = item.ts;
  if (item.user) el.dataset.user = item.user;
  const name = item.userName || userName(item.user) || 'unknown';
  const initial = (name.replace(/^[@#]/, '')[0] ?? '?').toUpperCase();
  const reactions = (item.reactions ?? []).map((r) => {
    const label = `${r.count} ${r.name} reaction${r.count === 1 ? '' : 's'}${r.mine ? ', including yours' : ''}`;
    return `<button type="button" class="reaction${r.mine ? ' mine' : ''}" data-msg-action="react" data-name="${escapeHtml(r.name)}"`
      + ` data-mine="${r.mine ? '1' : ''}" aria-pressed="${r.mine ? 'true' : 'false'}" title=":${escapeHtml(r.name)}:" aria-label="${escapeHtml(label)}">`
      + `<span class="reaction-emoji">${escapeHtml(r.emoji || `:${r.name}:`)}</span> <span class="reaction-count">${escapeHtml(r.count)}</span></button>`;
  }).join('');
  const replies = variant === 'channel' && item.replyCount > 0
    ? `<button type="button" class="replies-link" data-msg-action="thread">${item.replyCount === 1 ? '1 reply' : `${escapeHtml(item.replyCount)} replies`}</button>`
      + (item.lastReplyAt ? `<span class="muted last-reply">Last reply ${escapeHtml(formatTime(item.lastReplyAt))}</span>` : '')
    : '';
  const toolbar = item.ephemeral ? '' : `
    <div class="message-toolbar" role="toolbar" aria-label="Message actions">
      <button type="button" class="tool" data-msg-action="picker" title="Add reaction" aria-label="Add reaction" aria-haspopup="true">${ICONS.reaction}</button>
      <button type="button" class="tool" data-msg-action="pin" data-pinned="${item.pinned ? '1' : ''}" title="${item.pinned ? 'Unpin' : 'Pin'}" aria-label="${item.pinned ? 'Unpin message' : 'Pin message'}" aria-pressed="${item.pinned ? 'true' : 'false'}">${ICONS.pin}</button>
      ${variant === 'channel' ? `<button type="button" class="tool" data-msg-action="thread" title="Reply in thread" aria-label="Reply in thread">${ICONS.thread}</button>` : ''}
      <div class="reaction-picker" role="menu" aria-label="Pick a reaction">
        ${REACTION_CHOICES.map(([n, e]) => `<button type="button" role="menuitem" data-msg-action="react" data-name="${n}" data-mine="" title=":${n}:" aria-label="${n}">${e}</button>`).join('')}
      </div>
    </div>`;
  el.innerHTML = `
    <div class="avatar" style="--hue:${userHue(item.user)}" aria-hidden="true">${escapeHtml(initial)}</div>
    <div class="message-main">
      ${item.pinned ? `<div class="pinned-marker">${ICONS.pin} Pinned</div>` : ''}
      <div class="message-meta">
        <span class="author">${escapeHtml(name)}</span>${item.isBot ? '<span class="app-tag">APP</span>' : ''}
        <time title="${escapeHtml(item.time)}">${escapeHtml(formatTime(item.time))}</time>
        ${item.ephemeral ? `<span class="ephemeral-marker">${ICONS.eye} Only visible to you</span>` : ''}
      </div>
      <div class="message-body">${item.html ?? ''}${item.edited ? ' <span class="edited">(edited)</span>' : ''}</div>
      ${reactions ? `<div class="reactions">${reactions}</div>` : ''}
      ${replies ? `<div class="replies">${replies}</div>` : ''}
    </div>
    ${toolbar}`;
  for (const link of $$('.message-body a[href]', el)) {
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  return el;
}

// Delegated so re-rendered messages need no re-binding; the thread pane shares the same handlers.
async function onMessageClick(event) {
  const messageEl = event.target.closest('.message');
  if (!messageEl) return;
  const blockButton = event.target.closest('[data-bk-action="button"]');
  if (blockButton) { event.preventDefault(); await pressBlockButton(blockButton, messageEl); return; }
  const control = event.target.closest('[data-msg-action]');
  if (!control) return;
  const ts = messageEl.dataset.ts;
  switch (control.dataset.msgAction) {
    case 'picker': {
      const open = !messageEl.classList.contains('picker-open');
      for (const other of $$('.message.picker-open')) other.classList.remove('picker-open');
      messageEl.classList.toggle('picker-open', open);
      if (open) $('.reaction-picker button', messageEl)?.focus();
      break;
    }
    case 'react': {
      messageEl.classList.remove('picker-open');
      // A picker choice toggles too: picking one you already gave removes it, like Slack.
      const existing = $(`.reactions [data-name="${CSS.escape(control.dataset.name)}"]`, messageEl);
      const remove = (existing ?? control).dataset.mine === '1';
      await post('/sim/react', { user: app.me, channel: app.channelId, ts, name: control.dataset.name, ...(remove ? { remove: true } : {}) });
      refreshAfterChange();
      break;
    }
    case 'pin': {
      const remove = control.dataset.pinned === '1';
      await post('/sim/pin', { user: app.me, channel: app.channelId, ts, ...(remove ? { remove: true } : {}) });
      refreshAfterChange();
      break;
    }
    case 'thread':
      openThread(ts);
      break;
  }
}

function refreshAfterChange() {
  refreshChannel();
  if (app.threadTs) refreshThread();
}

async function pressBlockButton(button, messageEl) {
  if (button.disabled) return;
  const confirm = parseConfirm(button.dataset.confirm);
  if (confirm && !(await askConfirm(confirm))) return;
  if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
  button.disabled = true;
  try {
    await sendAction(messageEl, button);
  } finally {
    setTimeout(() => { button.disabled = false; }, BUTTON_COOLDOWN_MS);
  }
}

function onMessageChange(event) {
  const control = event.target.closest('select[data-bk-action], input[data-bk-action="datepicker"]');
  const messageEl = event.target.closest('.message');
  if (!control || !messageEl) return;
  const value = control.multiple ? [...control.selectedOptions].map((o) => o.value) : control.value;
  if (value === '' || (Array.isArray(value) && value.length === 0)) return;
  sendAction(messageEl, control, value);
  // An overflow menu is a menu, not a choice that stays shown.
  if (control.dataset.bkAction === 'overflow') control.value = '';
}

async function sendAction(messageEl, control, value) {
  const blockId = control.dataset.blockId ?? control.closest('[data-block-id]')?.dataset.blockId;
  const body = { user: app.me, channel: app.channelId, ts: messageEl.dataset.ts, blockId, actionId: control.dataset.actionId };
  if (value !== undefined) body.value = value;
  await post('/sim/action', body);
}

function parseConfirm(raw) {
  if (raw === undefined) return null;
  try {
    const parsed = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

const textOf = (value, fallback) => (typeof value === 'string' ? value : value?.text) || fallback;

/** In-page confirm (Block Kit `confirm` object) → resolves true when accepted. */
function askConfirm(confirm) {
  const dialog = $('#confirm-dialog');
  $('#confirm-title').textContent = textOf(confirm.title, 'Are you sure?');
  $('#confirm-text').textContent = textOf(confirm.text, '');
  const accept = $('[data-confirm-accept]', dialog);
  const deny = $('[data-confirm-deny]', dialog);
  accept.textContent = textOf(confirm.confirm, 'Yes');
  deny.textContent = textOf(confirm.deny, 'Cancel');
  accept.classList.toggle('bk-danger', confirm.style === 'danger');
  accept.classList.toggle('bk-primary', confirm.style !== 'danger');
  const returnFocus = document.activeElement;
  dialog.hidden = false;
  accept.focus();
  return new Promise((resolve) => {
    const finish = (answer) => {
      dialog.hidden = true;
      dialog.removeEventListener('click', onClick);
      dialog.removeEventListener('keydown', onKey);
      app.confirmCancel = null;
      if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
      resolve(answer);
    };
    const onClick = (event) => {
      if (event.target.closest('[data-confirm-accept]')) finish(true);
      else if (event.target.closest('[data-confirm-deny]') || event.target === dialog) finish(false);
    };
    const onKey = (event) => { if (event.key === 'Escape') { event.stopPropagation(); finish(false); } };
    app.confirmCancel = () => finish(false);
    dialog.addEventListener('click', onClick);
    dialog.addEventListener('keydown', onKey);
  });
}

// ---------- thread pane ----------

function openThread(ts) {
  app.threadTs = ts;
  const pane = $('#thread-pane');
  pane.hidden = false;
  document.body.classList.add('thread-open');
  $('#thread-messages').replaceChildren();
  setComposerError($('#thread-composer'), '');
  refreshThread().then(() => {
    const list = $('#thread-messages');
    list.scrollTop = list.scrollHeight;
    $('#thread-composer textarea').focus();
  });
}

function closeThread() {
  app.threadTs = null;
  $('#thread-pane').hidden = true;
  document.body.classList.remove('thread-open');
  $('#thread-messages').replaceChildren();
}

// ---------- composers ----------

function updateComposerPlaceholder() {
  const c = currentChannel();
  const where = c ? (c.isIm ? c.name : `#${c.name}`) : 'channel';
  $('#composer textarea').placeholder = `Message ${where} — try /incident declare Checkout errors --sev SEV2`;
}

function setComposerError(form, message) {
  const el = $('.composer-error', form);
  el.textContent = message;
  form.classList.toggle('has-error', Boolean(message));
}

function autosize(textarea) {
  textarea.style.height = 'auto';
  textarea.style.height = `${Math.min(textarea.scrollHeight, 200)}px`;
}

function setupComposer(form, target) {
  const textarea = $('textarea', form);
  const helper = $('.slash-helper', form);
  let sending = false;
  let highlighted = 0;

  const matches = () => {
    const text = textarea.value;
    if (!text.startsWith('/') || text.includes('\n')) return [];
    const typed = text.toLowerCase();
    return SLASH_COMMANDS.filter((c) => c.text.toLowerCase().startsWith(typed));
  };
  const renderHelper = () => {
    const list = matches();
    if (list.length === 0 || list.some((c) => c.text === textarea.value)) { helper.hidden = true; return; }
    highlighted = Math.min(highlighted, list.length - 1);
    helper.innerHTML = list.map((c, i) => `<li role="option" aria-selected="${i === highlighted}"><button type="button" data-command="${escapeHtml(c.text)}">`
      + `<code>${escapeHtml(c.text)}</code><span class="muted">${escapeHtml(c.hint)}</span></button></li>`).join('');
    helper.hidden = false;
  };
  const pick = (text) => {
    textarea.value = text;
    helper.hidden = true;
    textarea.focus();
    textarea.setSelectionRange(text.length, text.length);
    autosize(textarea);
  };

  const send = async () => {
    const text = textarea.value;
    if (sending || text.trim() === '' || !app.channelId) return;
    sending = true;
    form.classList.add('sending');
    const { channel, threadTs } = target();
    try {
      const result = await api('/sim/send', { user: app.me, channel, text, ...(threadTs ? { threadTs } : {}) });
      if (result && result.ok === false) {
        setComposerError(form, `Not sent: ${result.error ?? 'unknown error'}`);
        return;
      }
      setComposerError(form, '');
      textarea.value = '';
      autosize(textarea);
      helper.hidden = true;
      if (threadTs) refreshThread().then(() => { const l = $('#thread-messages'); l.scrollTop = l.scrollHeight; });
      else app.scrollToEnd = true;
      refreshChannel();
    } catch (error) {
      setComposerError(form, `Not sent: ${error.message}`);
    } finally {
      sending = false;
      form.classList.remove('sending');
    }
  };

  form.addEventListener('submit', (event) => { event.preventDefault(); send(); });
  textarea.addEventListener('keydown', (event) => {
    if (!helper.hidden) {
      const count = helper.children.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        highlighted = (highlighted + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
        renderHelper();
        return;
      }
      if (event.key === 'Tab') {
        event.preventDefault();
        const chosen = helper.querySelectorAll('[data-command]')[highlighted];
        if (chosen) pick(chosen.dataset.command);
        return;
      }
      if (event.key === 'Escape') { event.stopPropagation(); helper.hidden = true; return; }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  textarea.addEventListener('input', () => {
    autosize(textarea);
    highlighted = 0;
    renderHelper();
    if (form.classList.contains('has-error')) setComposerError(form, '');
  });
  textarea.addEventListener('blur', () => setTimeout(() => { if (!form.contains(document.activeElement)) helper.hidden = true; }, 150));
  helper.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the textarea
  helper.addEventListener('click', (event) => {
    const button = event.target.closest('[data-command]');
    if (button) pick(button.dataset.command);
  });
}

// ---------- modals ----------

function renderModal() {
  const overlay = $('#modal');
  const modals = app.state?.modals ?? [];
  const top = modals.at(-1);
  const content = $('.modal-content', overlay);
  if (!top) {
    if (!overlay.hidden) overlay.hidden = true;
    content.replaceChildren();
    app.modalKey = null;
    app.modalViewId = null;
    return;
  }
  const key = `${top.viewId}\n${top.html}`;
  $('.modal-stack', overlay).textContent = modals.length > 1 ? `${modals.length} views stacked` : '';
  if (app.modalKey === key) return;
  // Slack keeps what the user typed when a view is updated in place (same block and action ids); do the same.
  const kept = app.modalViewId === top.viewId ? collectValues(content) : null;
  app.modalKey = key;
  app.modalViewId = top.viewId;
  content.innerHTML = top.html;
  content.dataset.viewId = top.viewId;
  $('.modal-error', overlay).textContent = '';
  if (kept) restoreValues(content, kept);
  for (const control of $$('[data-modal]', content)) control.type = 'button';
  const title = $('.bk-modal-title', content);
  if (title) { title.id = 'modal-title'; $('.modal-dialog', overlay).setAttribute('aria-labelledby', 'modal-title'); }
  const wasHidden = overlay.hidden;
  overlay.hidden = false;
  if (wasHidden || !kept) ($('.bk-input input, .bk-input select, .bk-input textarea', content) ?? $('[data-modal="submit"]', content) ?? $('[data-modal="close"]', content))?.focus();
}

/** Form values per the contract: `{ [blockId]: { [actionId]: string | string[] } }`. */
function collectValues(root) {
  const values = {};
  for (const block of $$('.bk-input[data-block-id]', root)) {
    for (const el of $$('[data-bk-input][data-action-id]', block)) {
      let value;
      if (el instanceof HTMLSelectElement) value = el.multiple ? [...el.selectedOptions].map((o) => o.value) : el.value;
      else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) value = el.value;
      else if (el.dataset.bkInput === 'checkboxes' || $('input[type=checkbox]', el)) value = $$('input[type=checkbox]', el).filter((i) => i.checked).map((i) => i.value);
      else if (el.dataset.bkInput === 'radio_buttons' || $('input[type=radio]', el)) value = $('input[type=radio]:checked', el)?.value ?? '';
      else continue;
      (values[block.dataset.blockId] ??= {})[el.dataset.actionId] = value;
    }
  }
  return values;
}

function restoreValues(root, values) {
  for (const [blockId, actions] of Object.entries(values)) {
    const block = $(`.bk-input[data-block-id="${CSS.escape(blockId)}"]`, root);
    if (!block) continue;
    for (const [actionId, value] of Object.entries(actions)) {
      const el = $(`[data-bk-input][data-action-id="${CSS.escape(actionId)}"]`, block);
      if (!el) continue;
      const list = Array.isArray(value) ? value : [value];
      if (el instanceof HTMLSelectElement) {
        if (el.multiple) for (const o of el.options) o.selected = list.includes(o.value);
        else if ([...el.options].some((o) => o.value === value)) el.value = value;
      } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        el.value = String(value);
      } else {
        for (const input of $$('input[type=checkbox], input[type=radio]', el)) input.checked = list.includes(input.value);
      }
    }
  }
}

async function submitModal(button) {
  const content = $('#modal .modal-content');
  const viewId = content.dataset.viewId;
  if (!viewId || button.disabled) return;
  for (const el of $$('[data-error-for]', content)) el.textContent = '';
  for (const el of $$('.bk-input.invalid', content)) el.classList.remove('invalid');
  $('#modal .modal-error').textContent = '';
  button.disabled = true;
  try {
    const result = await api(`/sim/views/${enc(viewId)}/submit`, { user: app.me, values: collectValues(content) });
    if (result?.ok === false) {
      if (result.errors && typeof result.errors === 'object') showModalErrors(content, result.errors);
      else $('#modal .modal-error').textContent = result.error ?? 'Submit failed';
      return;
    }
    await refreshState();
  } catch (error) {
    $('#modal .modal-error').textContent = error.message;
  } finally {
    button.disabled = false;
  }
}

function showModalErrors(content, errors) {
  const unplaced = [];
  let first = null;
  for (const [blockId, message] of Object.entries(errors)) {
    const slot = $(`[data-error-for="${CSS.escape(blockId)}"]`, content);
    if (!slot) { unplaced.push(`${blockId}: ${message}`); continue; }
    slot.textContent = message;
    const block = slot.closest('.bk-input');
    block?.classList.add('invalid');
    first ??= block;
  }
  if (unplaced.length) $('#modal .modal-error').textContent = unplaced.join(' · ');
  $('[data-bk-input], input, select, textarea', first ?? content)?.focus();
}

async function closeModal() {
  const viewId = $('#modal .modal-content').dataset.viewId;
  if (!viewId || $('#modal').hidden) return;
  try {
    const result = await api(`/sim/views/${enc(viewId)}/close`, { user: app.me });
    if (result?.ok === false) { $('#modal .modal-error').textContent = result.error ?? 'Close failed'; return; }
  } catch (error) {
    $('#modal .modal-error').textContent = error.message;
    return;
  }
  await refreshState();
}

// ---------- scenarios, toasts, panels ----------

function renderScenarios() {
  const scenarios = app.state?.scenarios ?? [];
  $('#scenario-list').innerHTML = scenarios.length === 0
    ? '<li class="muted">No scenarios</li>'
    : scenarios.map((s) => `<li><button type="button" role="menuitem" data-scenario-id="${escapeHtml(s.id)}"${s.running ? ' disabled aria-disabled="true"' : ''}>`
      + `<span>${escapeHtml(s.title)}</span>${s.running ? '<span class="pill pill-running">running…</span>' : '<span class="play" aria-hidden="true">▶</span>'}</button></li>`).join('');
  const anyRunning = scenarios.some((s) => s.running);
  $('#scenario-menu summary').textContent = anyRunning ? 'Scenario (running) ▾' : 'Scenario ▾';
  $('#scenario-menu').classList.toggle('running', anyRunning);
}

async function startScenario(id) {
  $('#scenario-menu').open = false;
  const result = await post('/sim/scenario', { id });
  if (result?.ok !== false) refreshState();
}

function showToast(text, level = 'info') {
  const toast = document.createElement('div');
  toast.className = `toast toast-${level === 'error' ? 'error' : 'info'}`;
  toast.setAttribute('role', level === 'error' ? 'alert' : 'status');
  toast.textContent = text;
  $('#toasts').append(toast);
  setTimeout(() => toast.remove(), TOAST_MS);
}

function selectTab(tab) {
  for (const button of $$('#panel-tabs [data-tab]')) {
    const selected = button.dataset.tab === tab;
    button.classList.toggle('active', selected);
    button.setAttribute('aria-selected', String(selected));
  }
  for (const panel of $$('#right-panel [data-panel]')) panel.hidden = panel.dataset.panel !== tab;
  storageSet(STORAGE_KEYS.tab, tab);
}

function renderPanels() {
  const panels = app.state?.panels ?? {};
  $('[data-panel="pagerduty"]').innerHTML = pagerDutyPanel(panels.pagerduty);
  $('[data-panel="github"]').innerHTML = gitHubPanel(panels.github);
  $('[data-panel="kubernetes"]').innerHTML = kubernetesPanel(panels.kubernetes);
  $('[data-panel="prometheus"]').innerHTML = prometheusPanel(panels.prometheus);
}

const notConfigured = (what) => `<p class="empty-state">${escapeHtml(what)} is not configured for this playground.</p>`;
const pill = (text, kind) => `<span class="pill pill-${escapeHtml(kind)}">${escapeHtml(text)}</span>`;

function pagerDutyPanel(pd) {
  if (!pd?.configured) return notConfigured('PagerDuty');
  const oncall = (pd.oncall ?? []).map((o) => `<li><span class="level">L${escapeHtml(o.level)}</span><span class="who">${escapeHtml(o.name)}</span>`
    + `<span class="muted small">${escapeHtml(o.email)}</span></li>`).join('');
  const me = escapeHtml(userName(app.me));
  const incidents = (pd.incidents ?? []).map((i) => `<li class="card pd-incident">
      <div class="card-title"><span class="muted">#${escapeHtml(i.number)}</span> ${escapeHtml(i.title)}</div>
      <div class="card-meta">${pill(i.status, i.status)} ${pill(`${i.urgency} urgency`, i.urgency === 'high' ? 'high' : 'low')}
        <span class="muted small">${escapeHtml(formatDate(i.createdAt))}</span></div>
      ${(i.assignees ?? []).length ? `<div class="small">Assigned: ${i.assignees.map(escapeHtml).join(', ')}</div>` : ''}
      ${i.status === 'triggered' ? `<button type="button" class="bk-button bk-primary small-button" data-pd-ack="${escapeHtml(i.id)}">Acknowledge as ${me}</button>` : ''}
    </li>`).join('');
  return `<h3>On call</h3><ul class="oncall">${oncall || '<li class="muted">Nobody on call</li>'}</ul>
    <h3>Incidents</h3><ul class="cards">${incidents || '<li class="empty-state">No incidents. Page someone with /incident declare.</li>'}</ul>`;
}

function gitHubPanel(gh) {
  if (!gh?.configured) return notConfigured('GitHub');
  const issues = (gh.issues ?? []).map((i) => `<li class="card gh-issue">
      <div class="card-title"><a href="${escapeHtml(i.url)}" target="_blank" rel="noopener noreferrer"><span class="muted">#${escapeHtml(i.number)}</span> ${escapeHtml(i.title)}</a></div>
      <div class="card-meta">${pill(i.state, i.state === 'open' ? 'open' : 'closed')} ${(i.labels ?? []).map((l) => `<span class="label">${escapeHtml(l)}</span>`).join(' ')}
        ${(i.assignees ?? []).length ? `<span class="small">assigned ${i.assignees.map(escapeHtml).join(', ')}</span>` : ''}
        <span class="muted small">${escapeHtml(formatDate(i.createdAt))}</span></div>
    </li>`).join('');
  return `<h3>Issues <span class="muted small">${escapeHtml(gh.repo ?? '')}</span></h3>
    <ul id="github-issues" class="cards">${issues || '<li class="empty-state">No issues yet.</li>'}</ul>`;
}

function kubernetesPanel(k8s) {
  if (!k8s?.configured) return notConfigured('Kubernetes');
  const zones = (k8s.zones ?? []).map((z) => `<div class="zone"><div class="zone-name">${escapeHtml(z.zone)}</div>
      ${(z.nodes ?? []).map((n) => {
        const state = n.cordoned ? 'cordoned' : n.ready ? 'ready' : 'not-ready';
        const label = [n.ready ? 'Ready' : 'NotReady', n.cordoned ? 'Cordoned' : ''].filter(Boolean).join(' · ');
        return `<div class="node node-${state}" title="${escapeHtml(n.name)}"><div class="node-name">${escapeHtml(n.name)}</div>`
          + `<div class="node-state">${escapeHtml(label)}</div><div class="muted small">${escapeHtml(n.pods)} pods</div></div>`;
      }).join('') || '<div class="muted small">no nodes</div>'}</div>`).join('');
  const deployments = (k8s.deployments ?? []).map((d) => `<tr class="${d.ready < d.replicas ? 'degraded' : ''}">
      <td><span class="muted">${escapeHtml(d.namespace)}/</span>${escapeHtml(d.name)}</td>
      <td class="num">${escapeHtml(d.ready)}/${escapeHtml(d.replicas)}</td><td class="num">${escapeHtml(d.revision)}</td>
      <td class="image" title="${escapeHtml(d.image)}">${escapeHtml(String(d.image ?? '').split('/').pop())}</td></tr>`).join('');
  return `<h3>Nodes by zone</h3><div class="zones">${zones || '<p class="empty-state">No nodes.</p>'}</div>
    <h3>Deployments</h3><table class="deployments"><thead><tr><th>Deployment</th><th>Ready</th><th>Rev</th><th>Image</th></tr></thead>
    <tbody>${deployments || '<tr><td colspan="4" class="muted">No deployments.</td></tr>'}</tbody></table>`;
}

function prometheusPanel(prom) {
  if (prom?.available) {
    return `<div class="status-card ok"><strong>Prometheus is available</strong>
      <p>The bot reads synthetic history (error rates, latency, saturation) from a real Prometheus. Try <code>/deploy-check checkout</code>.</p></div>`;
  }
  return `<div class="status-card off"><strong>Prometheus is not available</strong><p>${escapeHtml(prom?.reason ?? 'No reason given.')}</p></div>`;
}

// ---------- live updates ----------

function setConnection(state, detail = '') {
  const el = $('#connection');
  el.dataset.state = state;
  el.textContent = { live: '● live', connecting: 'connecting…', reconnecting: 'reconnecting…', error: 'error' }[state] ?? state;
  el.title = detail || 'Live updates';
}
function setConnectionOkIfError() {
  if ($('#connection').dataset.state === 'error') setConnection(app.events?.readyState === 1 ? 'live' : 'connecting');
}

function connectStream() {
  app.events?.close();
  if (!app.me) return;
  const events = new EventSource(`/sim/stream?user=${enc(app.me)}`);
  app.events = events;
  let dropped = false;
  setConnection('connecting');
  events.onopen = () => {
    setConnection('live');
    // Events may have been missed while disconnected: catch up.
    if (dropped) { refreshState(); refreshAfterChange(); }
  };
  events.onerror = () => {
    if (app.events !== events) return;
    dropped = true;
    setConnection('reconnecting');
    // EventSource retries by itself unless the server answered with an error; then retry ourselves.
    if (events.readyState === EventSource.CLOSED) setTimeout(() => { if (app.events === events) connectStream(); }, 3000);
  };
  events.onmessage = (message) => {
    if (app.events !== events) return;
    let event;
    try { event = JSON.parse(message.data); } catch { return; }
    handleEvent(event);
  };
}

function handleEvent(event) {
  switch (event?.type) {
    case 'channels':
    case 'panels':
    case 'modals':
      refreshState();
      break;
    case 'channel':
      if (event.channelId === app.channelId) refreshAfterChange();
      else refreshState();
      break;
    case 'toast':
      showToast(event.text ?? '', event.level);
      break;
  }
}

// ---------- user switching and wiring ----------

function switchUser(id) {
  if (!id || id === app.me) return;
  app.me = id;
  app.generation += 1;
  storageSet(STORAGE_KEYS.user, id);
  closeThread();
  app.scrollToEnd = true;
  app.channel = null;
  $('#messages').replaceChildren();
  setComposerError($('#composer'), '');
  app.modalKey = null;
  app.modalViewId = null;
  connectStream();
  refreshState().then(() => refreshChannel());
}

function wire() {
  $('#user-switcher').addEventListener('change', (event) => switchUser(event.target.value));
  $('#channel-list').addEventListener('click', (event) => {
    const item = event.target.closest('[data-channel-id]');
    if (item) openChannel(item.dataset.channelId);
  });
  for (const list of [$('#messages'), $('#thread-messages')]) {
    list.addEventListener('click', onMessageClick);
    list.addEventListener('change', onMessageChange);
  }
  $('[data-close-thread]').addEventListener('click', closeThread);
  setupComposer($('#composer'), () => ({ channel: app.channelId, threadTs: null }));
  setupComposer($('#thread-composer'), () => ({ channel: app.channelId, threadTs: app.threadTs }));

  $('#panel-tabs').addEventListener('click', (event) => {
    const tab = event.target.closest('[data-tab]');
    if (tab) selectTab(tab.dataset.tab);
  });
  $('#right-panel').addEventListener('click', async (event) => {
    const ack = event.target.closest('[data-pd-ack]');
    if (!ack || ack.disabled) return;
    ack.disabled = true;
    const result = await post('/sim/pagerduty/ack', { incidentId: ack.dataset.pdAck, user: app.me });
    if (result?.ok !== false) refreshState(); else ack.disabled = false;
  });

  $('#scenario-list').addEventListener('click', (event) => {
    const item = event.target.closest('[data-scenario-id]');
    if (item && !item.disabled) startScenario(item.dataset.scenarioId);
  });
  document.addEventListener('click', (event) => {
    const menu = $('#scenario-menu');
    if (menu.open && !menu.contains(event.target)) menu.open = false;
    if (!event.target.closest('.message-toolbar')) for (const open of $$('.message.picker-open')) open.classList.remove('picker-open');
  });

  const modal = $('#modal');
  modal.addEventListener('click', (event) => {
    const control = event.target.closest('[data-modal]');
    if (!control) return;
    event.preventDefault();
    if (control.dataset.modal === 'submit') submitModal(control);
    else if (control.dataset.modal === 'close') closeModal();
  });
  // Modal inputs must not submit anything implicitly, and a changed field's old error is stale.
  modal.addEventListener('input', (event) => {
    const block = event.target.closest('.bk-input');
    if (block?.classList.contains('invalid')) {
      block.classList.remove('invalid');
      const slot = $('[data-error-for]', block);
      if (slot) slot.textContent = '';
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (!$('#confirm-dialog').hidden) { app.confirmCancel?.(); return; }
    if (!modal.hidden) { event.preventDefault(); closeModal(); return; }
    const openPicker = $('.message.picker-open');
    if (openPicker) { openPicker.classList.remove('picker-open'); return; }
    if ($('#scenario-menu').open) $('#scenario-menu').open = false;
  });
}

function start() {
  wire();
  const tab = storageGet(STORAGE_KEYS.tab);
  selectTab(['pagerduty', 'github', 'kubernetes', 'prometheus'].includes(tab) ? tab : 'pagerduty');
  app.me = storageGet(STORAGE_KEYS.user);
  connectStream(); // no-op until we know who we are; refreshState connects once it adopts the default user
  refreshState();
}

start();
