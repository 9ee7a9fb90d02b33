// Two things an open screen does for the person typing in it.
//
// 1. Typing is activity. An open screen talks to the server over its WebSocket, which neither renews the sign-in cookie
//    nor carries key presses (a text box reports its value only when it loses focus). While the person is working
//    (pointer, key, input) this calls account/session at most every data-activity-every ms (a minute): the cookie's
//    sliding idle timeout restarts, and the server notes the activity so the open circuit does not end the session
//    either. An idle screen sends nothing and expires.
//
// 2. Nothing typed is lost to an expired session. Every text field with an id keeps a draft in sessionStorage (this tab
//    only), keyed by page and field, with the value the field had when typing began. When the same field appears again
//    (after signing in again, or reopening the form) still holding that starting value, the draft is put back, the
//    form is told (input + change events, so the app binds it), and a notice says so. A draft whose text the field now
//    holds (saved) or whose field changed meanwhile (someone saved another value) is dropped, never forced in.
(() => {
  const signedIn = () => document.querySelector("[data-signed-in]");
  const prefix = "fifty-draft:";
  const maxAgeMs = 12 * 60 * 60 * 1000;
  let last = 0;

  const ping = () => {
    const menu = signedIn();
    if (!menu) return;
    const every = Number(menu.getAttribute("data-activity-every")) || 60000;
    const now = Date.now();
    if (now - last < every) return;
    last = now;
    fetch("account/session", { credentials: "same-origin", cache: "no-store" }).catch(() => {});
  };
  for (const type of ["pointerdown", "keydown", "input"]) document.addEventListener(type, ping, { passive: true, capture: true });

  const drafted = (el) =>
    el && el.id && !el.readOnly && !el.disabled && el.closest("main") &&
    (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && ["text", "search", ""].includes((el.getAttribute("type") || "").toLowerCase())));
  const keyOf = (el) => prefix + location.pathname + location.search + "#" + el.id;
  const read = (key) => {
    try { return JSON.parse(sessionStorage.getItem(key) || "null"); } catch { return null; }
  };
  const write = (key, value) => {
    try { sessionStorage.setItem(key, JSON.stringify(value)); } catch { /* storage full or off: nothing to keep */ }
  };

  // The value a field had before this round of typing: what a restore must still find there.
  document.addEventListener("focusin", (e) => {
    const el = e.target;
    if (drafted(el) && el.dataset.draftBase === undefined) el.dataset.draftBase = el.value;
  }, true);

  document.addEventListener("input", (e) => {
    const el = e.target;
    if (!drafted(el) || !e.isTrusted) return;
    if (el.dataset.draftBase === undefined) el.dataset.draftBase = el.defaultValue ?? "";
    const key = keyOf(el);
    if (el.value === el.dataset.draftBase) sessionStorage.removeItem(key);
    else write(key, { base: el.dataset.draftBase, value: el.value, at: Date.now() });
  }, true);

  // The notice lives outside the app's markup (the end of <body>): the app re-renders its own elements and would not
  // expect one inserted among them.
  const notice = (el) => {
    let box = document.getElementById("draft-restored");
    if (!box) {
      box = document.createElement("div");
      box.id = "draft-restored";
      box.className = "draft-restored";
      box.setAttribute("role", "status");
      document.body.append(box);
    }
    const label = el.labels && el.labels[0] ? el.labels[0].textContent.trim() : "";
    box.textContent = "저장되지 않은 입력을 복원했습니다" + (label ? ` (${label})` : "") + ". 확인한 뒤 저장하세요.";
    clearTimeout(box._hide);
    box._hide = setTimeout(() => box.remove(), 30000);
  };

  const restore = (el) => {
    if (!drafted(el) || el.dataset.draftChecked === "1") return;
    el.dataset.draftChecked = "1";
    const key = keyOf(el);
    const draft = read(key);
    if (!draft) return;
    if (Date.now() - draft.at > maxAgeMs || el.value === draft.value || el.value !== draft.base) {
      sessionStorage.removeItem(key);
      return;
    }
    el.value = draft.value;
    el.dataset.draftBase = draft.base;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
    notice(el);
  };

  // Fields appear on load, when a form opens and when the circuit replaces the prerendered page. Only an interactive
  // page can take the restored value (its change event reaches the server), so a page still prerendered waits.
  const interactive = () => signedIn()?.getAttribute("data-interactive") === "true";
  const scan = () => {
    if (!signedIn() || !interactive()) return;
    document.querySelectorAll("main textarea[id], main input[id]").forEach(restore);
  };
  let pending = 0;
  const later = () => { if (!pending) pending = setTimeout(() => { pending = 0; scan(); }, 300); };
  new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", later);
  later();
})();
