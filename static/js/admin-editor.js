// Transcript editor, progressive enhancement (every control works without it):
// - shift-click a paragraph's checkbox to tick the run since the last one clicked;
// - text boxes grow to show their whole text (where CSS field-sizing is missing);
// - leaving the page with unsaved changes asks first (turning the page saves them);
// - "Split…" cuts at the cursor when the cursor is in that paragraph's text;
// - ▶ play seeks the episode's audio to the paragraph;
// - keys: Alt+↓/↑ next/previous paragraph, Alt+1…9 a speaker, Alt+S split at the cursor.
(function () {
  "use strict";
  const form = document.getElementById("editor-form");
  if (!form) return;
  const boxes = Array.from(form.querySelectorAll('input[type="checkbox"][name$="-selected"]'));
  const texts = Array.from(form.querySelectorAll("textarea[name$='-text']"));
  let last = null;
  let dirty = false;
  let lastText = null;

  function mark(box) {
    const row = box.closest("tr");
    if (row) row.classList.toggle("staff-selected", box.checked);
  }

  boxes.forEach(function (box) {
    box.addEventListener("click", function (event) {
      if (event.shiftKey && last !== null && last !== box) {
        const [from, to] = [boxes.indexOf(last), boxes.indexOf(box)].sort((a, b) => a - b);
        boxes.slice(from, to + 1).forEach(function (other) {
          other.checked = box.checked;
          mark(other);
        });
      }
      last = box;
      mark(box);
    });
    mark(box);
  });

  function grow(text) {
    if (CSS.supports && CSS.supports("field-sizing", "content")) return;
    text.style.height = "auto";
    text.style.height = text.scrollHeight + 2 + "px";
  }
  texts.forEach(function (text) {
    grow(text);
    text.addEventListener("input", function () { grow(text); });
    text.addEventListener("focus", function () { lastText = text; });
  });

  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";
  });

  function wordsBefore(text) {
    // Words wholly before the cursor; a cursor inside a word cuts before that word.
    const head = text.value.slice(0, text.selectionStart);
    const words = head.split(/\s+/).filter(Boolean);
    return /\s$/.test(head) || head === "" ? words.length : words.length - 1;
  }
  const splitWords = form.querySelector("[data-split-words]");
  form.querySelectorAll("[data-split]").forEach(function (button) {
    button.addEventListener("click", function () {
      const text = button.closest("tr").querySelector("textarea");
      const at = text === lastText ? wordsBefore(text) : 0;
      splitWords.value = at > 0 ? String(at) : "";
    });
  });

  const audio = document.getElementById("editor-audio");
  form.querySelectorAll(".staff-play").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!audio) return;
      event.preventDefault();
      audio.currentTime = Number(link.dataset.startMs) / 1000;
      audio.play();
    });
  });

  function rowOf(element) { return element && element.closest("tr.staff-paragraph"); }
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    const row = rowOf(document.activeElement);
    if (!row) return;
    const text = row.querySelector("textarea");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const index = texts.indexOf(text) + (event.key === "ArrowDown" ? 1 : -1);
      if (texts[index]) texts[index].focus();
      event.preventDefault();
    } else if (/^[1-9]$/.test(event.key)) {
      const select = row.querySelector("select[name$='-speaker']");
      const option = select && select.options[Number(event.key)];  // [0] is "(no speaker)"
      if (option) {
        select.value = option.value;
        dirty = true;
      }
      event.preventDefault();
    } else if (event.key === "s" || event.key === "S") {
      lastText = text;
      row.querySelector("[data-split]").click();
      event.preventDefault();
    }
  });
})();
