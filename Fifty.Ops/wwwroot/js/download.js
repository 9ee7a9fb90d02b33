// Downloads that take a while (a PDF is printed on demand) show progress and a readable error instead of a blank tab.
// fiftyOps.download(href, fallbackName) fetches a file from the app's own endpoints (which set no-store) and saves it;
// the live ExportButton calls it and shows the outcome as a snackbar. Before the Blazor circuit starts, a link with
// data-download still works: this listens on the document and reports in a small live region.
(() => {
  const fileNameOf = (response, fallback) => {
    const header = response.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : fallback;
  };

  // { ok: true, fileName } once the browser has the file; { ok: false, message } (Korean) otherwise. Never throws.
  const download = async (href, fallback) => {
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok) {
        const text = (await response.text()).trim();
        // An error page (HTML) is no message for a person; the endpoints answer refusals in plain Korean text.
        const message = text && !text.startsWith("<") && text.length < 500 ? text : `내려받지 못했습니다 (서버 응답 ${response.status}).`;
        return { ok: false, message };
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = fileNameOf(response, fallback || "download");
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      return { ok: true, fileName: a.download };
    } catch {
      return { ok: false, message: "내려받지 못했습니다. 네트워크 연결을 확인하고 다시 시도하세요." };
    }
  };
  window.fiftyOps = Object.assign(window.fiftyOps || {}, { download });

  document.addEventListener("click", async (event) => {
    const link = event.target.closest && event.target.closest("a[data-download]");
    if (!link || link.getAttribute("aria-busy") === "true") { if (link) event.preventDefault(); return; }
    event.preventDefault();
    // The live region sits outside the Blazor root, so a re-render of the page cannot wipe the message.
    let status = document.getElementById("download-status");
    if (!status) {
      status = document.createElement("div");
      status.id = "download-status";
      status.className = "download-toast";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    const label = link.textContent;
    link.setAttribute("aria-busy", "true");
    link.classList.add("busy");
    link.textContent = link.dataset.busyText || "만드는 중…";
    status.textContent = link.dataset.busyText || "만드는 중…";
    try {
      const result = await download(link.href, link.getAttribute("download"));
      status.textContent = result.ok ? `${result.fileName} 내려받기 완료` : result.message;
      if (result.ok) {
        const done = status.textContent;
        setTimeout(() => { if (status.textContent === done) status.textContent = ""; }, 8000);
      }
    } finally {
      link.textContent = label;
      link.removeAttribute("aria-busy");
      link.classList.remove("busy");
    }
  });
})();
