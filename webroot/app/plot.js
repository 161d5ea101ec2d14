// Charts: Chart.js (MIT, from its WebJar), loaded on first use. Chart.js is a global script, so it is reached as an
// untyped value here and nowhere else; the pages draw through BarChart.

/** The WebJar's bundle, as the server serves it (WebUi.WEBJARS); the version is the one in pom.xml. */
const CHART_JS = '/webjars/chart.js/4.4.7/dist/chart.umd.js';
/** The series' colours, in order: the console's accent first. */
const COLOURS = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569'];

/** @type {?Promise<?>} */
let loading = null;

/** @return {!Promise<?>} the Chart constructor, once its script ran */
function chartJs() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = CHART_JS;
      script.onload = () => resolve(/** @type {?} */ (window)['Chart']);
      script.onerror = () => {
        loading = null;
        reject(new Error('the charts could not be loaded'));
      };
      document.head.append(script);
    });
  }
  return loading;
}

/**
 * One bar per label: a series' name and its values, null where it has none.
 * @typedef {{label: string, values: !Array<?number>}}
 */
export let Series;

export class BarChart {
  /** @param {?} chart the Chart.js chart */
  constructor(chart) {
    this.chart = chart;
  }

  /**
   * Draws grouped bars on the canvas, which sizes itself to its container.
   * @param {!HTMLCanvasElement} canvas
   * @param {!Array<string>} labels
   * @param {!Array<!Series>} series
   * @return {!Promise<!BarChart>}
   */
  static async draw(canvas, labels, series) {
    const Chart = await chartJs();
    return new BarChart(new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((one, i) => ({ label: one.label, data: one.values, backgroundColor: COLOURS[i % COLOURS.length] })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } },
      },
    }));
  }

  destroy() {
    this.chart.destroy();
  }
}
