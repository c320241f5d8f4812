// 站内搜索：Pagefind 的搜索框放在页眉里（wemedia build 生成 site/pagefind/，见 src/wemedia/search.py）。
// Site search: Pagefind's UI in Material's header. Pagefind loads its index piece by piece with fetch()
// and a module import, which browsers refuse on file://: opened from the folder, the box says so.
(function () {
  "use strict";
  var root = new URL("..", document.currentScript.src); // this file is assets/search.js
  var OFFLINE =
    "从文件夹直接打开网页时浏览器不允许搜索。搜索需要通过 wemedia serve 或网站服务器打开（http:// 地址）；" +
    "浏览文章、目录和规则不受影响。";
  var MISSING = "这个网站还没有搜索索引：请用 wemedia build 生成网站。";

  function notice(box, message) {
    // A box that looks like the search field and says, when used, why there is no search here.
    var input = document.createElement("input");
    input.type = "search";
    input.className = "wemedia-search__input";
    input.placeholder = "搜索需通过 http:// 打开";
    input.setAttribute("aria-label", "搜索");
    input.readOnly = true;
    var note = document.createElement("div");
    note.className = "wemedia-search__note";
    note.setAttribute("role", "status");
    note.hidden = true;
    note.textContent = message;
    input.addEventListener("focus", function () { note.hidden = false; });
    input.addEventListener("blur", function () { note.hidden = true; });
    box.append(input, note);
  }

  function place() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("wemedia-search")) return;
    var box = document.createElement("div");
    box.id = "wemedia-search";
    box.className = "wemedia-search";
    header.insertBefore(box, header.querySelector(".md-header__source"));
    if (location.protocol === "file:") return notice(box, OFFLINE);
    if (typeof PagefindUI === "undefined") return notice(box, MISSING);
    new PagefindUI({
      element: box,
      bundlePath: new URL("pagefind/", root).pathname,
      baseUrl: root.pathname, // results link into this site wherever it is served (a sub-folder too)
      showImages: false,
      showSubResults: true,
      excerptLength: 40,
      translations: { placeholder: "搜索文章和规则" },
    });
    document.addEventListener("keydown", function (event) {
      // Esc closes the results; a click outside the box too.
      if (event.key === "Escape") box.classList.remove("wemedia-search--open");
    });
    box.addEventListener("focusin", function () { box.classList.add("wemedia-search--open"); });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) box.classList.remove("wemedia-search--open");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", place);
  else place();
})();
