// Starts Swagger UI from the JSON settings island (no inline script: the CSP forbids it).
document.addEventListener("DOMContentLoaded", function () {
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis];
  window.ui = SwaggerUIBundle(config);
});
