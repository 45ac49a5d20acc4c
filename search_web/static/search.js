/* statement-search: progressive enhancement of pages that work without JavaScript.
 *
 * Search page: facet ticks, sort/view changes and the search box refresh the results in
 * place (fetching the same server-rendered page), the URL follows with history.pushState,
 * back/forward restore the earlier state, and the status line announces the new count.
 * Long facet lists and the parties table get a filter-as-you-type box.
 */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  var TYPING_DELAY = 400;

  function onReady(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function norm(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function withoutHash(url) {
    var i = url.indexOf("#");
    return i === -1 ? url : url.slice(0, i);
  }

  /* ---- filter-as-you-type for long facet lists ---------------------------------- */

  function revealFilterBoxes(root) {
    root.querySelectorAll(".facet-filter-box").forEach(function (box) { box.hidden = false; });
  }

  function filterFacet(input) {
    var name = input.getAttribute("data-facet");
    var list = document.getElementById("fv-" + name);
    if (!list) return;
    var term = norm(input.value.trim());
    list.querySelectorAll("li").forEach(function (li) {
      if (!term) {
        li.hidden = li.classList.contains("more");
        return;
      }
      var box = li.querySelector("input");
      li.hidden = !(norm(li.textContent).indexOf(term) !== -1 || (box && box.checked));
    });
    var section = input.closest(".facet");
    var more = section && section.querySelector(".show-all");
    if (more) more.hidden = term !== "";
  }

  function expandFacet(link, form) {
    var section = link.closest(".facet");
    if (!section) return;
    section.querySelectorAll(".facet-values li.more").forEach(function (li) {
      li.classList.remove("more");
      li.hidden = false;
    });
    link.hidden = true;
    var name = link.getAttribute("data-facet");
    if (form && name && !form.querySelector('input[type="hidden"][name="expand"][value="' + name + '"]')) {
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "expand";
      hidden.value = name;
      form.appendChild(hidden);
    }
    history.replaceState(history.state, "", link.href);
    var first = section.querySelector(".facet-filter") || section.querySelector(".facet-values input");
    if (first) first.focus();
  }

  /* ---- the parties table filter ------------------------------------------------ */

  function initTableFilter() {
    var input = document.querySelector("[data-filter-table]");
    if (!input) return;
    var table = document.getElementById(input.getAttribute("data-filter-table"));
    var status = document.getElementById("party-status");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var texts = rows.map(function (tr) { return norm(tr.getAttribute("data-filter-text")); });
    var timer = null;
    input.addEventListener("input", function () {
      var term = norm(input.value.trim());
      var shown = 0;
      rows.forEach(function (tr, i) {
        var match = !term || texts[i].indexOf(term) !== -1;
        tr.hidden = !match;
        if (match) shown += 1;
      });
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (status) {
          status.textContent = term
            ? shown + (shown === 1 ? " party" : " parties") + " of " + rows.length + " shown"
            : rows.length + (rows.length === 1 ? " party" : " parties");
        }
        var url = new URL(window.location.href);
        if (term) url.searchParams.set("q", input.value.trim());
        else url.searchParams.delete("q");
        history.replaceState(history.state, "", url.toString());
      }, 250);
    });
  }

  /* ---- the search page -------------------------------------------------------- */

  var KEY_ORDER = ["q", "party", "year", "topic", "sort", "view", "page", "per_page", "expand"];

  function keyRank(key) {
    var i = KEY_ORDER.indexOf(key);
    return i === -1 ? KEY_ORDER.length : i;
  }

  function initSearchPage(form) {
    var status = document.getElementById("status");
    var controller = null;
    var seq = 0;
    var typingTimer = null;
    var typingEntry = false; // the current history entry was made by typing
    var currentUrl = withoutHash(window.location.href);

    history.replaceState({ search: true }, "", window.location.href);
    revealFilterBoxes(document);

    function formUrl() {
      var pairs = [];
      new FormData(form).forEach(function (value, key) {
        if (typeof value !== "string") return;
        value = value.trim();
        if (!value) return;
        var control = form.elements.namedItem(key);
        if (control && control.getAttribute && control.getAttribute("data-default") === value) return;
        pairs.push([key, value]);
      });
      // the server's order of parameters, so that one state has one URL
      pairs.sort(function (a, b) { return keyRank(a[0]) - keyRank(b[0]); });
      var params = new URLSearchParams();
      pairs.forEach(function (p) { params.append(p[0], p[1]); });
      var qs = params.toString();
      return form.action.split("?")[0] + (qs ? "?" + qs : "");
    }

    function rememberFocus() {
      var el = document.activeElement;
      if (!el) return null;
      if (el.getAttribute("data-key")) return { key: el.getAttribute("data-key") };
      if (el.id) return { id: el.id };
      return null;
    }

    function restoreFocus(saved) {
      if (!saved) return;
      var target = null;
      if (saved.key) {
        document.querySelectorAll("[data-key]").forEach(function (el) {
          if (el.getAttribute("data-key") === saved.key) target = el;
        });
      } else if (saved.id) {
        target = document.getElementById(saved.id);
      }
      if (target && target !== document.activeElement) target.focus();
    }

    function swap(doc, opts) {
      var saved = rememberFocus();
      var filters = {};
      document.querySelectorAll(".facet-filter").forEach(function (inp) { filters[inp.id] = inp.value; });

      // The form is left alone while the user types or ticks; a link or history step
      // (a suggestion, a chip, back/forward) brings a new query, so the form follows.
      var withForm = opts.fromHistory || opts.withForm;
      var ids = withForm ? ["search", "results", "facets"] : ["results", "facets"];
      ids.forEach(function (id) {
        var old = document.getElementById(id);
        var fresh = doc.getElementById(id);
        if (old && fresh) old.replaceWith(document.importNode(fresh, true));
      });
      if (withForm) form = document.getElementById("search");
      else {
        // The sort box names the order the results are in: its default option reads
        // "Relevance" with a query and "Newest first" without one.
        var oldSort = document.getElementById("sort");
        var newSort = doc.getElementById("sort");
        if (oldSort && newSort && document.activeElement !== oldSort) {
          oldSort.replaceWith(document.importNode(newSort, true));
        }
      }

      var newStatus = doc.getElementById("status");
      if (status && newStatus) status.textContent = newStatus.textContent;
      document.title = doc.title;

      revealFilterBoxes(document);
      document.querySelectorAll(".facet-filter").forEach(function (inp) {
        if (filters[inp.id]) {
          inp.value = filters[inp.id];
          filterFacet(inp);
        }
      });
      if (opts.focusMain) {
        var main = document.getElementById("main");
        if (main) {
          main.focus({ preventScroll: true });
          main.scrollIntoView({ block: "start" });
        }
      } else {
        restoreFocus(saved);
      }
    }

    function load(url, opts) {
      opts = opts || {};
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var mine = ++seq;
      var region = document.getElementById("results");
      if (region) region.setAttribute("aria-busy", "true");
      return fetch(url, {
        signal: controller ? controller.signal : undefined,
        headers: { Accept: "text/html" },
        credentials: "same-origin"
      })
        .then(function (res) {
          return res.text().then(function (text) { return { res: res, text: text }; });
        })
        .then(function (r) {
          if (mine !== seq) return;
          var doc = new DOMParser().parseFromString(r.text, "text/html");
          if (!r.res.ok || !doc.getElementById("results") || !doc.getElementById("facets")) {
            window.location.assign(url); // an error page: show it as a page of its own
            return;
          }
          var finalUrl = r.res.url || url;
          if (opts.push) history.pushState({ search: true }, "", finalUrl);
          else if (opts.replace) history.replaceState({ search: true }, "", finalUrl);
          currentUrl = withoutHash(opts.fromHistory ? window.location.href : finalUrl);
          swap(doc, opts);
        })
        .catch(function (err) {
          if (err && err.name === "AbortError") return;
          window.location.assign(url);
        })
        .then(function () {
          var region = document.getElementById("results");
          if (mine === seq && region) region.removeAttribute("aria-busy");
        });
    }

    function submitNow() {
      clearTimeout(typingTimer);
      typingEntry = false;
      var url = formUrl();
      if (withoutHash(url) === currentUrl) return;
      load(url, { push: true });
    }

    document.addEventListener("submit", function (e) {
      if (e.target !== form) return;
      e.preventDefault();
      submitNow();
    });

    document.addEventListener("change", function (e) {
      var t = e.target;
      if (!t || !t.form || t.form !== form) return;
      if (t.id === "q") return;
      if (t.type === "number") {
        if (t.value && !/^\d{1,4}$/.test(t.value)) return;
      }
      submitNow();
    });

    document.addEventListener("input", function (e) {
      var t = e.target;
      if (!t) return;
      if (t.classList && t.classList.contains("facet-filter")) {
        filterFacet(t);
        return;
      }
      if (t.id !== "q" || t.form !== form) return;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () {
        var value = t.value.trim();
        if (value.length === 1) return; // one letter matches too much to be worth it
        var url = formUrl();
        if (withoutHash(url) === currentUrl) return;
        load(url, typingEntry ? { replace: true } : { push: true });
        typingEntry = true;
      }, TYPING_DELAY);
    });

    document.addEventListener("focusout", function (e) {
      if (e.target && e.target.id === "q") typingEntry = false;
    });

    document.addEventListener("click", function (e) {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      var a = e.target.closest && e.target.closest("a[href]");
      if (!a || a.hasAttribute("download") || a.target) return;
      if (!a.closest("#results") && !a.closest("#facets")) return;
      var url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname !== new URL(form.action).pathname) return;
      e.preventDefault();
      if (a.classList.contains("show-all")) {
        expandFacet(a, form);
        return;
      }
      typingEntry = false;
      load(url.toString(), { push: true, withForm: true, focusMain: !!a.closest(".pagination") });
    });

    window.addEventListener("popstate", function () {
      var url = withoutHash(window.location.href);
      if (url === currentUrl) return; // only the fragment changed (e.g. the skip link)
      typingEntry = false;
      load(window.location.href, { fromHistory: true });
    });
  }

  onReady(function () {
    initTableFilter();
    var form = document.getElementById("search");
    if (!form) return;
    if (!window.fetch || !window.DOMParser || !window.URLSearchParams || !history.pushState) {
      document.documentElement.classList.remove("js");
      return;
    }
    initSearchPage(form);
  });
})();
