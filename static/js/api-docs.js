// The API documentation page: Swagger UI (served from our own static files) over our schema.
// Loaded with defer after swagger-ui-bundle.js; the schema's address is in a data- attribute.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    deepLinking: true,
    tryItOutEnabled: true,
  });
})();
