// The on-site record page: signature pads and "save the draft before leaving the page".
// No inline script is allowed (CSP); the page opts in with data- attributes.
// Registered on DOMContentLoaded, after app.js, so a cancelled data-confirm stops us too.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Forms marked data-flush-draft (hazards, uploads, signatures) first send the record form
  // to the autosave URL, so nothing typed in the record is lost when the page reloads.
  function flushDraft() {
    var form = document.getElementById("record-form");
    if (!form || !form.dataset.autosaveUrl) { return Promise.resolve(); }
    return fetch(form.dataset.autosaveUrl, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"X-CSRFToken": csrfToken()}
    }).catch(function () { /* the draft stays in the page; the next autosave retries */ });
  }

  document.querySelectorAll("form[data-flush-draft]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented || form.dataset.flushed) { return; }
      event.preventDefault();
      form.dataset.flushed = "1";
      flushDraft().then(function () { form.submit(); });
    });
  });

  // Signature pads: draw with a finger, mouse or pen; the PNG goes into the hidden input.
  document.querySelectorAll("canvas[data-signature]").forEach(function (canvas) {
    var form = canvas.closest("form");
    var input = form.querySelector("[data-signature-input]");
    var save = form.querySelector("[data-signature-save]");
    var ctx = canvas.getContext("2d");
    var drawing = false, drawn = false;

    function fit() {
      var ratio = window.devicePixelRatio || 1;
      canvas.width = Math.floor(canvas.clientWidth * ratio);
      canvas.height = Math.floor(canvas.clientHeight * ratio);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = 2.5; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#111";
    }
    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return {x: event.clientX - rect.left, y: event.clientY - rect.top};
    }
    canvas.style.touchAction = "none";
    fit();
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      var p = point(event);
      ctx.beginPath(); ctx.moveTo(p.x, p.y);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      var p = point(event);
      ctx.lineTo(p.x, p.y); ctx.stroke();
      drawn = true;
    });
    function finish() {
      if (!drawing) { return; }
      drawing = false;
      if (drawn) { input.value = canvas.toDataURL("image/png"); save.disabled = false; }
    }
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", finish);
    form.querySelector("[data-signature-clear]").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      drawn = false; input.value = ""; save.disabled = true;
    });
  });
});
