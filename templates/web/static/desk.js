// The editor's desk: decide from the queue without a page load, and by keyboard.
// Progressive enhancement: every button is a plain form that works without this file.
// j/k move, s/m/x decide (Summarize/Maybe/Skip), u undoes, o/Enter opens, ? shows help.
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  var toast = document.getElementById("toast");
  var help = document.getElementById("help");
  var progress = document.getElementById("progress");
  var rows = queue ? Array.prototype.slice.call(queue.querySelectorAll("tr.row")) : [];
  var current = -1;
  var last = null; // the latest decision made here: {undoUrl, form, row}
  var busy = false;
  var KEYS = { s: "to_summarize", m: "maybe", x: "skipped" };
  // on a phone the filters fold away unless some are set: the papers come first
  var filters = document.getElementById("filter-box");
  if (filters && filters.dataset.active === "0" && window.matchMedia("(max-width: 720px)").matches) {
    filters.open = false;
  }

  function select(index, focus) {
    if (index < 0 || index >= rows.length) return;
    if (current >= 0 && rows[current]) rows[current].classList.remove("current");
    current = index;
    var row = rows[current];
    row.classList.add("current");
    if (focus) {
      var link = row.querySelector("a.title");
      if (link) link.focus({ preventScroll: true });
      row.scrollIntoView({ block: "nearest" });
      clearOfToast(row);
    }
  }

  // The toast is fixed at the screen's foot: a row scrolled just into view there (the next
  // card on a phone) had its buttons under it. Scroll the row clear, its top kept in view.
  function clearOfToast(row) {
    if (!toast || !toast.classList.contains("show")) return;
    var box = row.getBoundingClientRect();
    var under = box.bottom - toast.getBoundingClientRect().top + 8;
    if (under > 0) window.scrollBy(0, Math.min(under, Math.max(box.top, 0)));
  }

  // ...and the page's foot can always be scrolled out from under it. The same room is the
  // window's scroll padding, which every scroll into view keeps clear: the browser's own
  // for a control reached by Tab as much as this file's (a focused button under the toast
  // was one Enter would press unseen).
  function roomForToast() {
    var main = document.getElementById("main");
    if (!toast || !main) return;
    var room = toast.classList.contains("show")
      ? Math.max(toast.offsetHeight + 32, 80) + "px"
      : "";
    main.style.paddingBottom = room;
    document.documentElement.style.scrollPaddingBottom = room;
  }

  function nextUndecided(from) {
    for (var i = from + 1; i < rows.length; i++) {
      if (rows[i].dataset.status === "new") return i;
    }
    return -1;
  }

  function say(text, undoable) {
    if (!toast) return;
    toast.textContent = "";
    var span = document.createElement("span");
    span.className = "toast-text";
    span.textContent = text;
    toast.appendChild(span);
    if (undoable) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "toast-undo";
      button.textContent = "Undo";
      button.setAttribute("aria-keyshortcuts", "u");
      button.addEventListener("click", undoLast);
      toast.appendChild(button);
    }
    toast.classList.add("show");
    roomForToast();
  }

  function showRow(row, status, label) {
    row.dataset.status = status;
    row.classList.toggle("decided", status !== "new");
    var pill = row.querySelector(".status");
    if (pill) {
      pill.className = "status s-" + status;
      pill.textContent = label;
    }
  }

  function showProgress(data) {
    if (!progress || !data.progress || data.progress.week !== progress.dataset.week) return;
    progress.querySelector(".p-decided").textContent = data.progress.decided;
    progress.querySelector(".p-total").textContent = data.progress.total;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.error || "HTTP " + response.status);
        return data;
      });
    });
  }

  function decide(form, status) {
    if (busy) return;
    var row = form.closest("tr.row");
    var body = new FormData(form);
    body.set("status", status);
    busy = true;
    post(form.action, body)
      .then(function (data) {
        showRow(row, data.status, data.label);
        showProgress(data);
        last = { undoUrl: data.undo_url, form: form, row: row };
        // the server shortens the title (monitor/web/forms.short_title), as on the page
        // after a plain form: one toast, with or without this script
        say("Marked " + data.label + ": " + data.title, true);
        var index = rows.indexOf(row);
        var next = nextUndecided(index);
        select(next >= 0 ? next : index, true);
      })
      .catch(function (error) {
        say("Not saved (" + error.message + "). Reload the page and try again.", false);
      })
      .then(function () { busy = false; });
  }

  function undoLast() {
    if (busy || !last) return;
    var done = last;
    var body = new FormData();
    body.set("csrf_token", done.form.querySelector("input[name=csrf_token]").value);
    var week = done.form.querySelector("input[name=week]");
    if (week) body.set("week", week.value);
    busy = true;
    post(done.undoUrl, body)
      .then(function (data) {
        showRow(done.row, data.status, data.label);
        showProgress(data);
        last = null;
        // as the page after a plain form's undo says it (templates/web/base.html)
        say("Undone: " + data.title, false);
        select(rows.indexOf(done.row), true);
      })
      .catch(function (error) {
        say("Undo failed (" + error.message + ").", false);
      })
      .then(function () { busy = false; });
  }

  // u with no decision made here: the Undo of the toast the page came with (a plain
  // form, to the undone item's page); one place for the queue and the paper page
  function undoFromPage() {
    var button = toast && toast.querySelector("button.toast-undo");
    if (button) button.click();
    return !!button;
  }

  // The help is a modal dialog: focus stays in it (Tab wrapped to links under the overlay)
  // and, closed, goes back where it was (a paper page has no current row to return to).
  var helpReturn = null;
  function toggleHelp(show) {
    if (!help) return;
    help.hidden = !show;
    if (show) {
      helpReturn = document.activeElement;
      document.getElementById("help-close").focus();
    } else if (current >= 0) select(current, true);
    else if (helpReturn && helpReturn.focus) helpReturn.focus();
  }

  roomForToast(); // a toast the page came with
  // A paper's (or trial's) page gone on to by a decision on the previous one, or back to
  // by an undo: the focus is on the button pressed there (Summarize after an undo), not at
  // the page's start seven Tabs away, as on the queue it moves on to the next row.
  var decideForm = document.querySelector("form.decide");
  if (!rows.length && decideForm && toast && toast.classList.contains("show")) {
    var pressed = toast.dataset.decided || "to_summarize";
    var button = decideForm.querySelector("button[value='" + CSS.escape(pressed) + "']") ||
      decideForm.querySelector("button[value]");
    if (button) button.focus({ preventScroll: true });
  }
  rows.forEach(function (row, index) {
    var form = row.querySelector("form.decide");
    form.addEventListener("submit", function (event) {
      if (!event.submitter || !event.submitter.value) return;
      event.preventDefault();
      select(index, false);
      decide(form, event.submitter.value);
    });
    row.addEventListener("focusin", function () { select(index, false); });
  });
  if (rows.length) {
    var first = nextUndecided(-1);
    select(first >= 0 ? first : 0, false);
  }
  // served hidden: without this script the button would do nothing
  var opener = document.getElementById("help-open");
  if (opener) {
    opener.hidden = false;
    opener.addEventListener("click", function () { toggleHelp(true); });
  }
  var closer = document.getElementById("help-close");
  if (closer) closer.addEventListener("click", function () { toggleHelp(false); });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    if (help && !help.hidden) {
      if (event.key === "Escape" || event.key === "?") { event.preventDefault(); toggleHelp(false); }
      else if (event.key === "Tab") { event.preventDefault(); document.getElementById("help-close").focus(); }
      return;
    }
    var key = event.key;
    if (key === "?") { event.preventDefault(); toggleHelp(true); return; }
    if (!rows.length) {
      // the paper page: s/m/x press its decision buttons (and go on to the next paper)
      var paperForm = document.querySelector("form.decide");
      if (paperForm && KEYS[key]) {
        event.preventDefault();
        paperForm.querySelector("button[value=" + KEYS[key] + "]").click();
      } else if (key === "u" && undoFromPage()) event.preventDefault();
      return;
    }
    if (key === "j") { event.preventDefault(); select(Math.min(current + 1, rows.length - 1), true); }
    else if (key === "k") { event.preventDefault(); select(Math.max(current - 1, 0), true); }
    else if (KEYS[key]) {
      event.preventDefault();
      if (current >= 0) decide(rows[current].querySelector("form.decide"), KEYS[key]);
    } else if (key === "u") {
      event.preventDefault();
      if (last) undoLast();
      else undoFromPage();
    } else if (key === "o") {
      event.preventDefault();
      if (current >= 0) rows[current].querySelector("a.title").click();
    }
  });
})();
