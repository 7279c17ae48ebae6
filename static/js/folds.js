// Sections folded on narrow screens (details[data-open-wide]) open where there is room
// beside the transcript. Without this file they are folded everywhere, one click away.
(function () {
  "use strict";
  if (window.matchMedia("(min-width: 721px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach((details) => { details.open = true; });
  }
})();
