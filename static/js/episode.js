// Progressive enhancement for the episode page: the page works without this file.
// Times seek the player, the playing paragraph is marked (and followed), deep links
// (#t=754, #p-<key>, legacy #seg-42) land on their moment, and "Copy link" copies a
// shareable ?t= URL that lands on the same paragraph (its time is chosen by the server).
(function () {
  "use strict";

  const transcript = document.querySelector("[data-transcript]");
  if (!transcript) return;
  const player = document.querySelector("[data-player]");
  const followBox = document.querySelector("[data-follow]");
  const segments = Array.from(transcript.querySelectorAll(".segment[data-start]"));
  const starts = segments.map((el) => Number(el.dataset.start));
  let current = null;

  function segmentBefore(endMs) {
    // The last paragraph starting before endMs (binary search over sorted starts),
    // or the first when none does.
    let low = 0, high = starts.length - 1, found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid] < endMs) { found = mid; low = mid + 1; } else { high = mid - 1; }
    }
    return found >= 0 ? segments[found] : segments[0];
  }

  function segmentAt(ms) {
    return segmentBefore(ms + 1);
  }

  function momentEnd(text) {
    // As the server's reading.moment_bound_ms: "78" is the whole second 78.000-78.999.
    const decimals = (text.split(".")[1] || "").length;
    return Math.floor(Number(text) * 1000) + Math.max(Math.floor(1000 / 10 ** decimals), 1);
  }

  function markCurrent(segment, { scroll }) {
    if (!segment || segment === current) return;
    if (current) { current.classList.remove("current"); current.removeAttribute("aria-current"); }
    current = segment;
    current.classList.add("current");
    current.setAttribute("aria-current", "true");
    if (scroll) current.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function seek(ms, { play }) {
    if (!player) return;
    const go = () => {
      player.currentTime = ms / 1000;
      if (play) player.play().catch(() => {});
    };
    if (player.readyState >= 1) go(); else player.addEventListener("loadedmetadata", go, { once: true });
  }

  function shareUrl(seconds) {
    return `${location.origin}${location.pathname}?t=${seconds}`;
  }

  transcript.addEventListener("click", (event) => {
    const time = event.target.closest("a[data-seek]");
    if (time) {
      event.preventDefault();
      const segment = time.closest(".segment");
      history.replaceState(null, "", `#${segment.id}`);
      markCurrent(segment, { scroll: false });
      seek(Number(time.dataset.seek), { play: true });
      return;
    }
    const copy = event.target.closest("button[data-copy-link]");
    if (copy) copyLink(copy);
  });

  function copyLink(button) {
    const url = shareUrl(button.dataset.copyLink);
    const done = () => {
      const label = button.firstChild;
      label.textContent = "Copied";
      setTimeout(() => { label.textContent = "Copy link"; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, () => fallbackCopy(url, done));
    } else {
      fallbackCopy(url, done);
    }
  }

  function fallbackCopy(text, done) {
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    try { document.execCommand("copy"); done(); } finally { field.remove(); }
  }

  function openDeepLink() {
    const hash = decodeURIComponent(location.hash.slice(1));
    let segment = null;
    const moment = /^t=(\d+(?:\.\d+)?)$/.exec(hash);
    if (moment) segment = segmentBefore(momentEnd(moment[1]));
    else if (hash) segment = document.getElementById(hash)?.closest(".segment[data-start]");
    if (!segment) return;
    markCurrent(segment, { scroll: false });
    segment.scrollIntoView({ block: "start" });
    seek(Number(segment.dataset.start), { play: false });
  }

  if (player) {
    document.querySelector("[data-follow-control]").hidden = false;
    // Speaker names stick, and scrolled-to paragraphs stop, just below the sticky player.
    const sticky = player.closest(".player");
    const clear = () => document.documentElement.style.setProperty(
      "--player-height", `${sticky.getBoundingClientRect().height}px`);
    new ResizeObserver(clear).observe(sticky);
    clear();
    // Only playback moves the mark: the player also reports time 0 while it loads.
    player.addEventListener("timeupdate", () => {
      if (player.paused) return;
      markCurrent(segmentAt(player.currentTime * 1000), { scroll: followBox && followBox.checked });
    });
    player.addEventListener("seeked", () => {
      markCurrent(segmentAt(player.currentTime * 1000), { scroll: false });
    });
  }
  // Search matches in the transcript: n and p go to the next and previous one, from the
  // paragraph last landed on (or the top of the page).
  const matches = Array.from(transcript.querySelectorAll(".segment.match"));
  function goToMatch(step) {
    if (!matches.length) return;
    const at = matches.indexOf(current);
    let next;
    if (at >= 0) next = matches[Math.min(Math.max(at + step, 0), matches.length - 1)];
    else next = step > 0 ? matches.find((el) => el.getBoundingClientRect().top > 1) || matches[0]
      : matches[0];
    // Marked at once, not on the hashchange that follows: a second key pressed before
    // that event must step on from here.
    markCurrent(next, { scroll: false });
    location.hash = next.id;
  }
  document.addEventListener("keydown", (event) => {
    if (!matches.length || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "n") goToMatch(1);
    else if (event.key === "p") goToMatch(-1);
  });

  transcript.querySelectorAll("button[data-copy-link]").forEach((button) => { button.hidden = false; });
  window.addEventListener("hashchange", openDeepLink);
  openDeepLink();
})();
