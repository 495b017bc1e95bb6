// The section "The studies' figures": draws the charts StudyFigures.java prepared (STUDY_FIGURES),
// computing nothing. report.js calls it with its own helpers, so that its charts are counted with
// the page's others. Returns whether the section has charts (no charts: the section is removed).
function renderStudyFigures(figures, { element, addChart, colour }) {
  const section = document.getElementById('study-figures');
  if (figures.charts.length === 0) {
    section.remove();
    return false;
  }
  // series of a chart across the runtimes are figures: shades apart from the runtimes' colours
  const PALETTE = ['#334155', '#94a3b8', '#0f766e', '#a16207'];
  // runtimes without a colour of their own share one: the second and later get one of these, so
  // that a legend of runtimes names each bar
  const SPARE = ['#be185d', '#a16207', '#0f766e', '#4338ca', '#9f1239', '#4d7c0f'];
  const RANGE = '#111827';
  section.append(element('p', { class: 'links' }, figures.intro));
  const box = element('div', { class: 'charts' });
  section.append(box);
  figures.charts.forEach((chart) => {
    const figure = element('figure', { class: 'study-figure', id: chart.id });
    box.append(figure);
    const byRuntime = chart.axis === 'RUNTIME';
    const single = byRuntime && chart.series.length === 1;
    const datasets = [];
    const used = new Set();
    let spare = 0;
    const runtimeColour = (runtime) => {
      const own = colour(runtime);
      const fill = used.has(own) ? SPARE[spare++ % SPARE.length] : own;
      used.add(fill);
      return fill;
    };
    chart.series.forEach((series, index) => {
      const fill = single ? chart.labels.map(colour)
        : byRuntime ? PALETTE[index % PALETTE.length] : runtimeColour(series.runtime);
      // a bar and its range share a slot (the same stack id on an unstacked axis): the range is
      // drawn over the bar's middle instead of beside it
      const stack = 'series-' + index;
      // order: Chart.js draws higher orders first, so the range lies over the bar, not under it
      datasets.push({ label: series.name, data: series.points.map((p) => (p ? p.median : null)),
        backgroundColor: fill, stack, order: 1 });
      if (series.points.some((p) => p && p.count > 1)) {
        datasets.push({ label: `${series.name}: smallest to largest`, range: true, stack,
          data: series.points.map((p) => (p && p.count > 1 ? [p.min, p.max] : null)),
          backgroundColor: RANGE, barPercentage: 0.15, order: 0 });
      }
    });
    addChart(figure, {
      type: 'bar',
      data: { labels: chart.labels, datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { title: { display: true, text: chart.title },
          legend: { display: !single, labels: { filter: (item, data) => !data.datasets[item.datasetIndex].range } } },
        scales: { x: { title: { display: true, text: byRuntime ? 'runtime' : 'block size' } },
          y: { stacked: false, beginAtZero: true, title: { display: true, text: chart.yTitle } } } },
    }, { 'data-chart': 'study', 'data-labels': chart.labels.join(' '),
      'data-values': chart.series.map((s) => `${s.name}: ` +
        s.points.map((p) => (p ? String(p.median) : '-')).join(' ')).join('; '),
      'data-ranges': chart.series.map((s) => `${s.name}: ` +
        s.points.map((p) => (p && p.count > 1 ? `${p.min}-${p.max}` : '-')).join(' ')).join('; ') });
    figure.append(element('figcaption', { class: 'links' }, chart.caption,
      element('br'), `Settings: ${chart.settings || 'none'}.`));
    // the ratios a study publishes, beside this run's (computed and formatted in Java)
    if (chart.published.length > 0) {
      const head = element('tr', {}, ...['study\'s ratio', 'this run', 'source']
        .map((text) => element('th', {}, text)));
      const rows = chart.published.map((p) => element('tr', { 'data-pair': p.pair },
        element('td', {}, `${p.study}: ${p.studyPair} ${p.studyRatio}`),
        element('td', { class: 'pair' }, `${p.pair}: ${p.thisRun}`),
        element('td', {}, `${p.quoted}. ${p.source}`)));
      figure.append(element('table', { class: 'published' }, head, ...rows));
    }
  });
  return true;
}
