// Refreshes the latest-news column every minute. The page works fully without it.
(function () {
  var column = document.querySelector("[data-latest-src]");
  if (!column || !window.fetch) return;
  function refresh() {
    if (document.hidden) return;
    fetch(column.getAttribute("data-latest-src"), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector(".latest");
        var current = column.querySelector(".latest");
        if (fresh && current) current.replaceWith(fresh);
      })
      .catch(function () {});
  }
  setInterval(refresh, 60000);
})();
