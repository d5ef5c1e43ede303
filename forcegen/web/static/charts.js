// Draw every chart whose figure the page carries as JSON (no inline scripts).
document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (el) {
  var fig = JSON.parse(el.textContent);
  var div = document.getElementById(el.dataset.chart);
  if (window.Plotly && div) { Plotly.newPlot(div, fig.data, fig.layout, {displaylogo: false, responsive: true}); }
});
