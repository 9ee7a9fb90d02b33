// Downloads that take a while (a PDF is printed on demand) show progress and a readable error instead of a blank tab.
// Any link with data-download works before and after the Blazor circuit starts, since this listens on the document.
(() => {
  const fileNameOf = (response, fallback) => {
    const header = response.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) return decodeURIComponent(star[1]);
    const plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : fallback;
  };

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
      const response = await fetch(link.href, { credentials: "same-origin" });
      if (!response.ok) {
        const message = (await response.text()) || `내려받지 못했습니다 (HTTP ${response.status}).`;
        status.textContent = message;
        return;
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = fileNameOf(response, link.getAttribute("download") || "download");
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      const done = `${a.download} 내려받기 완료`;
      status.textContent = done;
      setTimeout(() => { if (status.textContent === done) status.textContent = ""; }, 8000);
    } catch (e) {
      status.textContent = "내려받지 못했습니다. 네트워크 연결을 확인하고 다시 시도하세요.";
    } finally {
      link.textContent = label;
      link.removeAttribute("aria-busy");
      link.classList.remove("busy");
    }
  });
})();
