// The complaint form: contact fields only for 实名 complaints. Without JavaScript every
// field stays visible, and the server decides what it keeps.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-complaint-form]").forEach(function (form) {
    var radios = form.querySelectorAll("input[name=identity]");
    function update() {
      var checked = form.querySelector("input[name=identity]:checked");
      var named = checked && checked.value === "named";
      form.querySelectorAll(".named-only").forEach(function (el) { el.classList.toggle("d-none", !named); });
    }
    radios.forEach(function (r) { r.addEventListener("change", update); });
    update();
  });
});
