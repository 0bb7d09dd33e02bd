// A small rich-text editor for the report's narrative sections (no inline script: CSP).
// <textarea data-richtext> gets a toolbar and an editable area; the HTML goes back into the
// textarea on submit and is sanitised on the server (nh3), so this is convenience only.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("textarea[data-richtext]").forEach(function (area) {
    var toolbar = document.createElement("div");
    toolbar.className = "btn-toolbar mb-1 gap-1";
    var editor = document.createElement("div");
    editor.className = "form-control richtext-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.setAttribute("aria-label", area.labels && area.labels[0] ? area.labels[0].textContent : "正文");
    editor.innerHTML = area.value;
    [["bold", "加粗", "bi-type-bold"], ["insertOrderedList", "编号", "bi-list-ol"],
     ["insertUnorderedList", "列表", "bi-list-ul"], ["formatBlock:h4", "小标题", "bi-type-h4"],
     ["formatBlock:p", "正文段落", "bi-paragraph"]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary btn-sm";
      button.title = spec[1];
      button.innerHTML = '<i class="bi ' + spec[2] + '"></i>';
      button.addEventListener("click", function () {
        var parts = spec[0].split(":");
        document.execCommand(parts[0], false, parts[1] || null);
        editor.focus();
      });
      toolbar.appendChild(button);
    });
    area.classList.add("d-none");
    area.parentNode.insertBefore(toolbar, area);
    area.parentNode.insertBefore(editor, area);
    area.form.addEventListener("submit", function () { area.value = editor.innerHTML; });
  });
});
