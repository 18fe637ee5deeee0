// The two messengers of the sandbox page. Each user lives on one of them and talks through that
// emulator's user API: Telegram's under /sandbox/api/ (bot/sandbox/server.py), MAX's under
// /sandbox/max/api/ (bot/sandbox/max_user_api.py). The adapters turn both chats into one shape
// for chat.js: a bubble is {fromBot, html, media: [{photo} | {doc: {url, name, size}}], album,
// mediaGroup, edited, buttons: [[{text, url} | {text, press}]]}; press() gives a toast's text or null.
"use strict";

const getJson = (url, opts) => fetch(url, opts).then(r => r.json());
const postJson = (url, body) => getJson(url, {method: "POST", headers: {"Content-Type": "application/json"},
                                              body: JSON.stringify(body)});
const escapeHtml = s => (s || "").replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
const later = (ms, fn) => new Promise(done => setTimeout(() => done(fn()), ms));
const TG_API = "/sandbox/api", MAX_API = "/sandbox/max/api";

// ─── Telegram ────────────────────────────────────────────────────────────
// Messages sharing a media_group_id (an album) become one bubble, as in Telegram.
function tgGroups(messages) {
  const out = [];
  for (const m of messages) {
    if (m.deleted) continue;
    const prev = out[out.length - 1];
    if (m.media_group_id && prev && prev[0].media_group_id === m.media_group_id && prev[0].from_bot === m.from_bot) prev.push(m);
    else out.push([m]);
  }
  return out;
}
function tgBubble(group) {
  const first = group[0], last = group[group.length - 1];
  const media = group.map(m => m.photo ? {photo: m.photo.url}
    : m.document ? {doc: {url: m.document.url, name: m.document.file_name, size: m.document.file_size}} : null).filter(Boolean);
  const captions = group.map(m => m.caption).filter(Boolean).map(c => `<div class="caption">${escapeHtml(c)}</div>`).join("");
  const text = first.text !== null && first.text !== undefined ? (first.html || escapeHtml(first.text)) : "";
  const rows = (last.reply_markup && last.reply_markup.inline_keyboard) || [];
  return {fromBot: first.from_bot, html: text + captions, media, album: group.length > 1, mediaGroup: first.media_group_id,
          edited: group.some(m => m.edited),
          buttons: rows.map(row => row.map(b => b.url ? {text: b.text, url: b.url}
            : {text: b.text, press: {message_id: last.message_id, callback_data: b.callback_data}}))};
}

// ─── MAX ─────────────────────────────────────────────────────────────────
// MAX sends plain text with markup ranges (offsets in UTF-16 units, as JavaScript counts them).
const MAX_TAGS = {strong: "b", emphasized: "i", monospaced: "code", strikethrough: "s", underline: "u",
                  highlighted: "mark", heading: "b", link: "a"};
function maxHtml(text, markup) {
  if (!text) return "";
  const opens = {}, closes = {};
  for (const e of markup || []) {
    const tag = MAX_TAGS[e.type]; if (!tag || !e.length) continue;
    const open = tag === "a" ? `<a href="${escapeHtml(e.url || "")}" target="_blank">` : `<${tag}>`;
    (opens[e.from] = opens[e.from] || []).push({length: e.length, open});
    const end = e.from + e.length;
    (closes[end] = closes[end] || []).push({from: e.from, close: `</${tag}>`});
  }
  let out = "";
  for (let i = 0; i <= text.length; i++) {
    if (closes[i]) out += closes[i].sort((a, b) => b.from - a.from).map(c => c.close).join("");  // inner first
    if (opens[i]) out += opens[i].sort((a, b) => b.length - a.length).map(o => o.open).join("");  // outer first
    if (i < text.length) out += escapeHtml(text[i]);
  }
  return out;
}
function maxBubble(m) {
  const media = m.attachments.map(a => a.type === "image" ? {photo: a.payload.url}
    : a.type === "file" ? {doc: {url: a.payload.url, name: a.filename, size: a.size}} : null).filter(Boolean);
  return {fromBot: m.from_bot, html: maxHtml(m.text, m.markup), media, album: media.length > 1, mediaGroup: null,
          edited: m.edited,
          buttons: m.buttons.map(row => row.filter(b => b.type === "callback" || b.type === "link").map(b => b.type === "link"
            ? {text: b.text, url: b.url} : {text: b.text, press: {mid: m.mid, payload: b.payload}}))};
}

// ─── the adapters ────────────────────────────────────────────────────────
const CHANNELS = {
  tg: {
    name: "Telegram",
    async users() {
      return (await getJson(`${TG_API}/users`)).map(u => ({key: `tg:${u.id}`, ch: "tg", id: u.id, ...u}));
    },
    create: async name => `tg:${(await postJson(`${TG_API}/users`, {first_name: name})).id}`,
    async chat(id) {
      const messages = await getJson(`${TG_API}/chats/${id}/messages`);
      return {version: JSON.stringify(messages.map(m => [m.message_id, m.version, m.deleted])),
              bubbles: tgGroups(messages).map(tgBubble), empty: !messages.length};
    },
    send: (id, text) => postJson(`${TG_API}/users/${id}/messages`, {text}),
    start: (id, payload) => postJson(`${TG_API}/users/${id}/messages`, {text: payload ? `/start ${payload}` : "/start"}),
    startLabel: payload => payload ? `/start ${payload}` : "/start",
    async sendFiles(id, photos, files, caption) {
      const form = new FormData(); form.append("kind", photos ? "photo" : "document");
      for (const f of files) form.append("file", f, f.name);
      if (caption) form.append("caption", caption);  // the text goes with the files, as in Telegram
      const r = await fetch(`${TG_API}/users/${id}/files`, {method: "POST", body: form});
      return r.ok ? null : (await r.json().catch(() => ({}))).error || r.status;
    },
    async press(id, ref) {
      const r = await postJson(`${TG_API}/users/${id}/press`, ref);
      if (r.error) return "Кнопка не сработала: " + r.error;
      return later(400, async () => (await getJson(`${TG_API}/callbacks/${r.callback_query_id}`)).text || null);
    },
    async commands(id) {  // setMyCommands: the chat's own scope wins, as in Telegram
      const bot = await getJson(`${TG_API}/bot`), scoped = bot.scoped_commands || {};
      return scoped[`chat:${id}`] || scoped.all_private_chats || bot.commands || [];
    },
  },
  max: {
    name: "MAX",
    async users() {
      return (await getJson(`${MAX_API}/users`)).map(u => ({key: `max:${u.user_id}`, ch: "max", id: u.user_id, ...u}));
    },
    create: async name => `max:${(await postJson(`${MAX_API}/users`, {first_name: name})).user_id}`,
    async chat(id) {
      const messages = (await getJson(`${MAX_API}/chats/${id}/messages`)).filter(m => !m.deleted);
      return {version: JSON.stringify(messages.map(m => [m.mid, m.version])), bubbles: messages.map(maxBubble),
              empty: !messages.length};
    },
    send: (id, text) => postJson(`${MAX_API}/users/${id}/messages`, {text}),
    // The «Начать» button or a max.ru/<bot>?start=<payload> link: a bot_started update, not a message.
    start: (id, payload) => postJson(`${MAX_API}/users/${id}/start`, payload ? {payload} : {}),
    startLabel: payload => payload ? `«Начать» с payload ${payload}` : "«Начать»",
    async sendFiles(id, photos, files, caption) {
      for (const [i, f] of [...files].entries()) {  // MAX: one message per file, the text with the first
        const form = new FormData(); form.append("kind", photos ? "image" : "file");
        if (caption && i === 0) form.append("text", caption);
        form.append("file", f, f.name);
        const r = await fetch(`${MAX_API}/users/${id}/files`, {method: "POST", body: form});
        if (!r.ok) return (await r.json().catch(() => ({}))).error || r.status;
      }
      return null;
    },
    async press(id, ref) {
      const r = await postJson(`${MAX_API}/users/${id}/press`, ref);
      if (r.error) return "Кнопка не сработала: " + r.error;
      return later(400, async () => (await getJson(`${MAX_API}/callbacks/${r.callback_id}`)).notification || null);
    },
    commands: async () => [],  // MAX's API has no command menu: /help lists the commands
  },
};

// A bot deep link → {ch, payload}: https://t.me/<bot>?start=<payload>, tg://resolve?domain=<bot>&start=<payload>,
// https://max.ru/<bot>?start=<payload>; null for any other address.
function deepLink(href) {
  try {
    const url = new URL(href), web = url.protocol === "https:" || url.protocol === "http:";
    const ch = (url.protocol === "tg:" && /^\/*resolve/.test(url.host + url.pathname))
      || (web && /^(t\.me|telegram\.me)$/.test(url.hostname)) ? "tg"
      : web && /^(www\.)?max\.ru$/.test(url.hostname) ? "max" : null;
    return ch ? {ch, payload: url.searchParams.get("start")} : null;
  } catch (e) { return null; }
}
