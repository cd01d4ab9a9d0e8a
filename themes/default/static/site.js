// wsis default theme: small enhancements; every page works without them.
(function () {
  "use strict";

  // "Copy citation": the citation text and the paragraph's address.
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try {
        if (document.execCommand("copy")) { resolve(); } else { reject(new Error("copy refused")); }
      } catch (e) { reject(e); } finally { document.body.removeChild(area); }
    });
  }

  var status = null;
  function announce(message) {
    if (!status) {
      status = document.createElement("p");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = message;
    window.clearTimeout(announce.timer);
    announce.timer = window.setTimeout(function () { status.textContent = ""; }, 2500);
  }

  var buttons = document.querySelectorAll("button.cite");
  for (var i = 0; i < buttons.length; i++) {
    var button = buttons[i];
    button.hidden = false;
    button.addEventListener("click", function (event) {
      var b = event.currentTarget;
      var text = b.getAttribute("data-cite") + " — " + b.getAttribute("data-url");
      copy(text).then(
        function () { announce(b.getAttribute("data-done") + " : " + b.getAttribute("data-cite")); },
        function () { announce(b.getAttribute("data-failed")); }
      );
    });
  }

  // The language switch keeps the paragraph the reader is on.
  var switcher = document.querySelector("a.lang-switch");
  if (switcher) {
    switcher.addEventListener("click", function () {
      if (window.location.hash) {
        switcher.setAttribute("href", switcher.getAttribute("href").split("#")[0] + window.location.hash);
      }
    });
  }
})();
