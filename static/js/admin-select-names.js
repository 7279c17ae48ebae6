// The admin's searchable selects (select2) draw a combobox that is named by its own
// (empty) placeholder: point it at the field's visible label instead, so screen readers
// and axe know what it is for. Without this script the plain select keeps its label.
(function () {
  "use strict";
  function name() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const label = document.querySelector('label[for="' + select.id + '"]');
      const container = select.nextElementSibling;
      if (!label || !container || !container.classList.contains("select2")) return;
      label.id = label.id || select.id + "-label";
      const combobox = container.querySelector('[role="combobox"]');
      const rendered = container.querySelector('[role="textbox"]');
      if (combobox) combobox.setAttribute("aria-labelledby", label.id + (rendered ? " " + rendered.id : ""));
      if (rendered) rendered.setAttribute("aria-labelledby", label.id);
      // A multiple select's type-ahead box.
      const search = container.querySelector(".select2-search__field");
      if (search) search.setAttribute("aria-labelledby", label.id);
    });
  }
  // Whenever the admin's own script (re)draws a select: jQuery's ready handlers run
  // at no fixed time relative to this script or the load event.
  new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
  name();
})();
