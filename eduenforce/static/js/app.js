// Small behaviours shared by every page. No inline script is allowed by the CSP,
// so pages opt in through data- attributes.
document.addEventListener("DOMContentLoaded", function () {
  // <form data-confirm="确定要……吗？">: ask before submitting an irreversible action.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
  // <select data-autosubmit>: filter forms that apply on change.
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
});
// htmx requests carry the CSRF token from the cookie-less meta tag.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
});
