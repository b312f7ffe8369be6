/* Edition script, loaded on every page (html_js_files in _config.yml). Local only.
 *
 * vega-embed puts each chart's action menu (save as SVG/PNG, view the source) in a
 * <details> whose <summary> holds only an icon, so a screen reader announces an unnamed
 * control (axe: summary-name). Name each summary as the charts are drawn. */
(function () {
  "use strict";
  var LABEL = "Chart actions: save the chart as an image or view its source";
  function nameSummaries(root) {
    var summaries = root.querySelectorAll(".vega-embed details > summary:not([aria-label])");
    for (var i = 0; i < summaries.length; i++) {
      summaries[i].setAttribute("aria-label", LABEL);
    }
  }
  function start() {
    nameSummaries(document);
    if (!document.querySelector("[id^='altair-viz-']")) return; // a page without charts
    new MutationObserver(function () {
      nameSummaries(document);
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
