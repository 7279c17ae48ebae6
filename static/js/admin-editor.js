// Transcript editor: shift-click a paragraph's checkbox to tick the whole run since the
// last one clicked, and mark ticked rows. Without this script every box still works alone.
(function () {
  "use strict";
  const form = document.getElementById("editor-form");
  if (!form) return;
  const boxes = Array.from(form.querySelectorAll('input[type="checkbox"][name$="-selected"]'));
  let last = null;

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
})();
