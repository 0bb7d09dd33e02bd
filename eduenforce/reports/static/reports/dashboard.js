// Draws the dashboard charts from the JSON data island (no inline script: CSP).
// Each chart point links to the records behind it: a click opens the drill-down list.
(function () {
  "use strict";
  var island = document.getElementById("dashboard-data");
  if (!island || typeof echarts === "undefined") { return; }
  var charts = JSON.parse(island.textContent);
  var palette = ["#2f6fb5", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#7f8c8d", "#d4ac0d", "#16a085"];

  function optionFor(chart) {
    if (chart.type === "pie") {
      var s = chart.series[0];
      return {
        animation: false,
        color: palette,
        tooltip: { trigger: "item" },
        legend: { type: "scroll", bottom: 0 },
        series: [{
          type: "pie", radius: ["35%", "65%"], name: s.name,
          data: chart.labels.map(function (label, i) { return { name: label, value: s.values[i] }; })
        }]
      };
    }
    return {
      animation: false,
      color: palette,
      tooltip: { trigger: "axis" },
      legend: { show: chart.series.length > 1, bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: chart.series.length > 1 ? 56 : 40, containLabel: true },
      xAxis: { type: "category", data: chart.labels, axisLabel: { interval: 0, rotate: chart.labels.length > 6 ? 35 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: chart.series.map(function (s) {
        return { type: "bar", name: s.name, data: s.values, label: { show: true, position: "top" } };
      })
    };
  }

  charts.forEach(function (chart) {
    var el = document.querySelector('[data-chart="' + chart.key + '"]');
    if (!el) { return; }
    el.style.height = "280px";
    var instance = echarts.init(el, null, { renderer: "svg" });
    instance.setOption(optionFor(chart));
    el.dataset.rendered = "1";
    instance.on("click", function (params) {
      var series = chart.series[params.seriesIndex || 0] || chart.series[0];
      var link = series.links[params.dataIndex];
      if (link) { window.location.href = link; }
    });
    window.addEventListener("resize", function () { instance.resize(); });
    var table = el.parentNode.querySelector(".chart-fallback");
    if (table) { table.classList.add("visually-hidden"); }
  });
})();
