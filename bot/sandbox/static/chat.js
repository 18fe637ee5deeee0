// The sandbox chat page: users on either messenger (channels.js), their chats, the command menu,
// attachments, and deep links that open the invited user's chat.
"use strict";

const $ = id => document.getElementById(id);
let current = null, users = [], lastVersion = "", commands = [];
let toastTimer = null;
function toast(text) { const t = $("toast"); t.textContent = text; t.style.display = "block";
  clearTimeout(toastTimer); toastTimer = setTimeout(() => t.style.display = "none", 3000); }
const me = () => users.find(u => u.key === current);
const channel = key => CHANNELS[key.split(":")[0]];
const idOf = key => Number(key.split(":")[1]);
const badge = ch => `<span class="ch ${ch}">${CHANNELS[ch].name}</span>`;
const userLabel = u => `${u.first_name} (${u.id})${u.blocked ? " — заблокировал бота" : ""}`;

// ─── users ───────────────────────────────────────────────────────────────
async function loadUsers() {
  users = [...await CHANNELS.tg.users(), ...await CHANNELS.max.users()];
  if (current === null && users.length) current = users[0].key;
  const box = $("users"); box.innerHTML = "";
  const select = $("userselect"); select.innerHTML = "";
  for (const u of users) {
    const b = document.createElement("button"); b.className = "user" + (current === u.key ? " active" : "");
    b.dataset.ch = u.ch; b.innerHTML = badge(u.ch) + escapeHtml(userLabel(u));
    b.onclick = () => selectUser(u.key); box.appendChild(b);
    const o = document.createElement("option"); o.value = u.key; o.textContent = `${userLabel(u)} · ${CHANNELS[u.ch].name}`;
    o.selected = current === u.key; select.appendChild(o);
  }
  const user = me();
  $("chlabel").innerHTML = user ? badge(user.ch) : "";
  $("whoami").textContent = user ? `· пишете как ${user.first_name}` : "";
}
function selectUser(key) {
  current = key; lastVersion = ""; $("chat").innerHTML = "";
  $("text").placeholder = channel(key) === CHANNELS.max ? "Сообщение или /help" : "Сообщение или /команда";
  loadUsers(); render(); loadCommands();
}
$("userselect").onchange = e => selectUser(e.target.value);
$("adduser").onclick = async () => {
  const field = $("newname");
  const key = await CHANNELS[$("newch").value].create(field.value.trim() || "Пользователь");
  field.value = "";  // ready for the next name
  selectUser(key);
};
$("newname").onkeydown = e => { if (e.key === "Enter") $("adduser").click(); };

// ─── messages ────────────────────────────────────────────────────────────
// Messengers turn bare addresses into links; the emulators keep them as text, so link them here.
const URL_RE = /(?:https?:\/\/|tg:\/\/)[^\s<>"']+[^\s<>"'.,;:!?)»]/g;
function linkify(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = []; while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    if (node.parentElement.closest("a, code, pre")) continue;
    const text = node.nodeValue; URL_RE.lastIndex = 0;
    if (!URL_RE.test(text)) continue;
    const frag = document.createDocumentFragment(); let last = 0; URL_RE.lastIndex = 0;
    for (const m of text.matchAll(URL_RE)) {
      frag.append(text.slice(last, m.index));
      const a = document.createElement("a"); a.href = m[0]; a.textContent = m[0]; frag.append(a);
      last = m.index + m[0].length;
    }
    frag.append(text.slice(last)); node.replaceWith(frag);
  }
}
const sizeText = n => n >= 1048576 ? `${(n / 1048576).toFixed(1)} МБ` : n >= 1024 ? `${Math.round(n / 1024)} КБ` : `${n} байт`;
function mediaItem(m) {
  if (m.photo) return `<a href="${m.photo}" target="_blank"><img src="${m.photo}" alt="фото"></a>`;
  return `<div class="doc">📄 <a href="${m.doc.url}" target="_blank">${escapeHtml(m.doc.name || "документ")}</a>
    <span class="meta">(${sizeText(m.doc.size || 0)})</span></div>`;
}
function openLink(href) {
  const link = deepLink(href);
  if (link && link.payload !== null) askDeepLink(link); else window.open(href, "_blank");
}
function keyboard(rows) {
  if (!rows.length) return null;
  const kb = document.createElement("div"); kb.className = "kb";
  for (const row of rows) {
    const line = document.createElement("div"); line.className = "row";
    for (const btn of row) {
      const b = document.createElement("button"); b.textContent = btn.text;
      b.onclick = () => btn.url ? openLink(btn.url) : press(btn.press);
      line.appendChild(b);
    }
    kb.appendChild(line);
  }
  return kb;
}
async function press(ref) {
  const note = await channel(current).press(idOf(current), ref);
  if (note) toast(note);
}
function startButton() {  // an empty chat, as the apps show it: «Начать» sends /start (MAX: bot_started)
  const wrap = document.createElement("div"); wrap.className = "startwrap";
  const b = document.createElement("button"); b.id = "startbtn"; b.textContent = "Начать";
  b.onclick = async () => { await channel(current).start(idOf(current), null); render(); };
  wrap.appendChild(b); return wrap;
}
async function render() {
  if (current === null) return;
  const key = current;
  const chat = await channel(key).chat(idOf(key));
  if (key !== current) return;  // the user was switched meanwhile
  const version = key + ":" + chat.version;
  if (version === lastVersion) return; lastVersion = version;
  const box = $("chat"); box.innerHTML = "";
  if (chat.empty) box.appendChild(startButton());
  for (const bubble of chat.bubbles) {
    const div = document.createElement("div");
    div.className = "msg" + (bubble.fromBot ? "" : " me") + (bubble.album ? " album" : "");
    if (bubble.mediaGroup) div.dataset.mediaGroup = bubble.mediaGroup;
    const media = bubble.media.map(mediaItem).join("");
    div.innerHTML = (media ? `<div class="media">${media}</div>` : "") + bubble.html
      + (bubble.edited ? ' <span class="meta">(изменено)</span>' : "");
    linkify(div);
    const kb = keyboard(bubble.buttons); if (kb) div.appendChild(kb);
    box.appendChild(div);
  }
  box.scrollTop = box.scrollHeight;
}
$("chat").addEventListener("click", e => {
  const a = e.target.closest("a"); if (!a) return;
  const link = deepLink(a.getAttribute("href"));
  if (link && link.payload !== null) { e.preventDefault(); askDeepLink(link); }
});

// ─── deep links ──────────────────────────────────────────────────────────
// A bot's invite link is nearly always meant for someone else: the coordinator sends it to a new
// participant. So following one asks whose account opens it — a user of the link's messenger
// (t.me → Telegram, max.ru → MAX): first a new one (the name field), then every existing one.
// The chosen user's chat opens and the bot gets `/start <payload>` (MAX: bot_started with it).
// «Пригласить координатора» opens the same dialog with a program and a messenger to choose; the
// one-time coordinator invite is issued (as `python -m bot invite` does) when the user is chosen.
let pending = null;  // {ch, payload} or {coordinator: true}
const pendingCh = () => pending.coordinator ? $("dl-ch").value : pending.ch;
function fillDeepLink() {
  const ch = pendingCh(), adapter = CHANNELS[ch];
  $("dl-command").textContent = adapter.startLabel(pending.coordinator ? "<приглашение координатора>" : pending.payload);
  $("dl-chname").innerHTML = badge(ch);
  const box = $("dl-users"); box.innerHTML = "";
  for (const u of users.filter(u => u.ch === ch)) {
    const b = document.createElement("button"); b.className = "dl-user";
    b.textContent = userLabel(u) + (u.key === current ? " — сейчас открыт" : "");
    b.onclick = () => followDeepLink(u.key); box.appendChild(b);
  }
}
function askDeepLink(link) {
  pending = link;
  $("deeplink").classList.toggle("coordinator", !!link.coordinator);
  $("dl-title").textContent = link.coordinator ? "Пригласить координатора" : "Открыть приглашение";
  $("dl-name").value = "";
  fillDeepLink();
  $("deeplink").classList.add("open"); $("dl-name").focus();
}
const closeDeepLink = () => { $("deeplink").classList.remove("open"); pending = null; };
async function followDeepLink(key) {
  const link = pending; closeDeepLink();
  if (link === null) return;
  let payload = link.payload;
  if (link.coordinator) {
    const invite = await postJson("/sandbox/page/coordinator-invite", {program_id: Number($("dl-program").value)});
    if (invite.error) { toast("Приглашение не выдано: " + invite.error); return; }
    payload = invite.token;
  }
  selectUser(key);
  await channel(key).start(idOf(key), payload);
  render();
}
$("invitecoord").onclick = async () => {
  const programs = await getJson("/sandbox/page/programs");
  if (!programs.length) { toast("Нет загруженных программ: положите файл в programs/ и перезапустите"); return; }
  const select = $("dl-program"); select.innerHTML = "";
  for (const p of programs) {
    const o = document.createElement("option"); o.value = p.id; o.textContent = `${p.title} (${p.slug})`; select.appendChild(o);
  }
  $("dl-ch").value = $("newch").value;
  askDeepLink({coordinator: true});
};
$("dl-ch").onchange = fillDeepLink;
$("dl-new").onclick = async () => {
  const key = await CHANNELS[pendingCh()].create($("dl-name").value.trim() || (pending.coordinator ? "Координатор" : "Приглашённый"));
  await loadUsers(); followDeepLink(key);
};
$("dl-name").onkeydown = e => { if (e.key === "Enter") $("dl-new").click(); };
$("dl-cancel").onclick = closeDeepLink;
$("deeplink").onclick = e => { if (e.target === $("deeplink")) closeDeepLink(); };
document.addEventListener("keydown", e => { if (e.key === "Escape") { closeDeepLink(); $("menu").classList.remove("open"); } });

// ─── the command menu (Telegram's setMyCommands; MAX has none) ───────────
async function loadCommands() {
  if (current === null) return;
  const key = current, fresh = await channel(key).commands(idOf(key));
  if (key !== current || JSON.stringify(fresh) === JSON.stringify(commands)) return;
  commands = fresh; $("menubtn").hidden = !commands.length;
  const menu = $("menu"); menu.innerHTML = "";
  for (const c of commands) {
    const b = document.createElement("button"); b.type = "button"; b.className = "command";
    b.innerHTML = `<b>/${escapeHtml(c.command)}</b>${escapeHtml(c.description)}`;
    b.onclick = () => { menu.classList.remove("open"); sendText("/" + c.command); };
    menu.appendChild(b);
  }
}
$("menubtn").onclick = e => { e.stopPropagation(); $("menu").classList.toggle("open"); };
document.addEventListener("click", e => { if (!e.target.closest("#menu, #menubtn")) $("menu").classList.remove("open"); });

// ─── sending ─────────────────────────────────────────────────────────────
let attachKind = null;  // "document" | "photo": which picker holds the chosen files
function showFiles() {
  const input = attachKind === "photo" ? $("photo") : $("file");
  const names = attachKind ? [...input.files].map(f => f.name) : [];
  $("filenames").textContent = !names.length ? "Файл не выбран"
    : `${attachKind === "photo" ? "Фото" : "Файлы"} (${names.length}${names.length > 1 ? ", альбомом" : ""}): ${names.join(", ")}`;
  $("clearfiles").style.display = names.length ? "inline" : "none";
}
function clearFiles() { $("file").value = ""; $("photo").value = ""; attachKind = null; showFiles(); }
$("file").onchange = () => { $("photo").value = ""; attachKind = $("file").files.length ? "document" : null; showFiles(); };
$("photo").onchange = () => { $("file").value = ""; attachKind = $("photo").files.length ? "photo" : null; showFiles(); };
$("clearfiles").onclick = clearFiles;
async function sendText(text) {
  if (current === null || !text.trim()) return;
  await channel(current).send(idOf(current), text);
  render();
}
$("send").onsubmit = async (e) => {
  e.preventDefault(); if (current === null) return;
  const text = $("text");
  if (attachKind) {
    const files = (attachKind === "photo" ? $("photo") : $("file")).files;
    const caption = text.value.trim() ? text.value : null; text.value = "";
    const error = await channel(current).sendFiles(idOf(current), attachKind === "photo", files, caption);
    if (error) toast("Не удалось отправить: " + error);
    clearFiles();
  }
  if (text.value.trim()) { const value = text.value; text.value = ""; await sendText(value); }
  render();
};

loadUsers().then(() => current && selectUser(current));
setInterval(render, 700); setInterval(loadUsers, 5000); setInterval(loadCommands, 3000);
