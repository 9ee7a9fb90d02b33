// An open screen talks to the server over its WebSocket, which does not renew the sign-in cookie. While the person is
// actually working (pointer or key), this asks the server at most every two minutes so the cookie's 30-minute idle
// timeout counts from their last action, not from the last page load. An idle screen sends nothing and expires.
(() => {
  if (!document.querySelector("[data-signed-in]")) return;
  const every = 2 * 60 * 1000;
  let last = Date.now();
  const ping = () => {
    const now = Date.now();
    if (now - last < every) return;
    last = now;
    fetch("account/session", { credentials: "same-origin", cache: "no-store" }).catch(() => {});
  };
  for (const type of ["pointerdown", "keydown"]) document.addEventListener(type, ping, { passive: true, capture: true });
})();
