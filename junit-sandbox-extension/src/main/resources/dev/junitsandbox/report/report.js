// Renders REPORT (results.json) into the page. The page marks itself when done: body
// data-charts-expected / data-charts-rendered count charts and those with pixels on their canvas,
// data-errors holds any script error, so a headless browser can check the page.
(function () {
  'use strict';
  const errors = [];
  window.addEventListener('error', (event) => errors.push(String(event.message)));
  const consoleError = console.error;
  console.error = (...args) => { errors.push(args.join(' ')); consoleError.apply(console, args); };

  const COLOURS = { host: '#6b7280', runc: '#2563eb', crun: '#0891b2', runsc: '#ea580c',
    'runsc-kvm': '#c2410c', 'kata-qemu': '#16a34a', 'kata-fc': '#65a30d', 'kata-clh': '#15803d' };
  const colour = (runtime) => COLOURS[runtime] || '#7c3aed';
  const charts = [];

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
    children.forEach((child) => node.append(child));
    return node;
  }

  // the ratios to the host and their bands are computed in Java (results.json); the page draws them
  const BAND_CLASSES = { CLOSE: 'ratio-good', WITHIN_2X: 'ratio-fair', WITHIN_10X: 'ratio-poor',
    BEYOND_10X: 'ratio-bad' };

  // the order results.json lists the runtimes in: host first, then the well-known ones
  const RUNTIME_ORDER = REPORT.runtimes.map((r) => r.id);
  function byRuntimeOrder(a, b) {
    const rank = (r) => (RUNTIME_ORDER.includes(r) ? RUNTIME_ORDER.indexOf(r) : RUNTIME_ORDER.length);
    return rank(a) - rank(b);
  }

  // every measurement, with the invocation file and the round of the matrix it came from
  const MEASUREMENTS = REPORT.invocations.flatMap((invocation) =>
    invocation.measurements.map((m) => Object.assign(
      { invocationFile: invocation.file, round: invocation.round || 1 }, m)));

  // rounds of a matrix (@Runtimes(rounds = ...)): per group and runtime, each round's headline value
  // with their median and range, computed in Java (results.json trialSeries)
  const seriesKey = (group, runtime) => group + '\u0000' + runtime;
  const SERIES = new Map((REPORT.trialSeries || []).map((s) => [seriesKey(s.group, s.runtime), s]));

  // groups: one figure of the studies, the runtimes side by side; with rounds, each runtime's
  // charts of a single measurement show its median round (the round nearest the median)
  const groups = new Map();
  MEASUREMENTS.forEach((m) => {
    if (!groups.has(m.group)) groups.set(m.group, new Map());
    const byRuntime = groups.get(m.group);
    const series = SERIES.get(seriesKey(m.group, m.runtime));
    const current = byRuntime.get(m.runtime);
    if (!current || (series && m.round === series.medianRound && current.round !== series.medianRound)) {
      byRuntime.set(m.runtime, m);
    }
  });

  function renderOverview() {
    // an aborted test (a failed assumption, a probe that does not run there) is not a failure
    const failed = REPORT.tests.filter((t) => t.status === 'FAILED').length;
    const skipped = REPORT.tests.filter((t) => t.status === 'SKIPPED' || t.status === 'ABORTED').length;
    document.getElementById('overview').textContent =
      `${MEASUREMENTS.length} measurements in ${groups.size} groups on ` +
      `${REPORT.runtimes.map((r) => r.id).join(', ')}; ${failed} failed, ${skipped} skipped or aborted; ` +
      `run from ${REPORT.started} to ${REPORT.finished}.`;
    if (MEASUREMENTS.length === 0) {
      // a run that measured nothing replaces the previous page, and says so instead of showing none
      document.getElementById('skips').append(element('div',
        { class: 'alert alert-aborted', 'data-status': 'NOTHING_MEASURED' },
        `This run measured nothing: none of its ${REPORT.tests.length} tests and containers took a ` +
        'measurement (see failures and skips below). Figures of earlier runs are not shown.'));
    }
    const toc = document.getElementById('toc');
    [['summary', 'Ratio to host'], ['measurements', 'Measurements'], ['problems', 'Failures and skips'],
      ['environment', 'Environment']].forEach(([id, text]) => toc.append(element('a', { href: '#' + id }, text)));
  }

  // the reason's first sentence: a missing runtime's reason goes on with the fix (as the console)
  function shortReason(reason) {
    const line = (reason || '').trim().split('\n')[0];
    if (line === '') return 'no reason given';
    const end = line.indexOf('. ');
    const sentence = end > 0 ? line.substring(0, end) : line;
    return sentence.length > 160 ? sentence.substring(0, 159) + '…' : sentence;
  }

  // loud: a green run whose runtimes were missing measured nothing, and only this says so
  function renderSkips() {
    const box = document.getElementById('skips');
    ['SKIPPED', 'ABORTED'].forEach((status) => {
      const byReason = new Map();
      REPORT.tests.filter((t) => t.status === status).forEach((t) => {
        const reason = shortReason(t.reason);
        if (!byReason.has(reason)) byReason.set(reason, []);
        byReason.get(reason).push(t.displayName);
      });
      if (byReason.size === 0) return;
      const count = [...byReason.values()].reduce((sum, names) => sum + names.length, 0);
      const alert = element('div', { class: 'alert alert-' + status.toLowerCase(), 'data-status': status },
        `${count} ${status}: ` + [...byReason].map(([reason, names]) => `${reason} (${names.length})`).join('; '));
      box.append(alert);
    });
  }

  function renderSummary() {
    const runtimes = [...new Set(MEASUREMENTS.map((m) => m.runtime))].sort(byRuntimeOrder);
    const table = element('table');
    const head = element('tr', {}, element('th', {}, 'measurement'));
    runtimes.forEach((r) => head.append(element('th', {}, r)));
    table.append(head);
    let index = 0;
    groups.forEach((byRuntime, group) => {
      const row = element('tr', {}, element('td', {}, element('a', { href: '#group-' + index++ }, group)));
      runtimes.forEach((runtime) => {
        const m = byRuntime.get(runtime);
        const series = SERIES.get(seriesKey(group, runtime));
        const cell = element('td', { class: 'number' });
        if (series) {
          // the median over the rounds, its ratio to the host's median, and the range
          cell.setAttribute('data-rounds', String(series.trials.length));
          cell.append(series.medianText);
          if (series.toHost) {
            cell.append(` (${series.toHost.ratio.toFixed(2)}x)`);
            cell.className += ' ' + BAND_CLASSES[series.toHost.band];
          }
          cell.append(element('br'), element('span', { class: 'range' },
            `${series.rangeText}, ${series.trials.length} rounds`));
        } else if (m) {
          const h = m.headline;
          cell.textContent = h.text;
          if (h.toHost) {
            cell.textContent += ` (${h.toHost.ratio.toFixed(2)}x)`;
            cell.className += ' ' + BAND_CLASSES[h.toHost.band];
          }
        } else {
          cell.textContent = '-';
        }
        row.append(cell);
      });
      table.append(row);
    });
    document.getElementById('summary-table').append(table,
      element('p', { class: 'links' }, 'Colour: how much worse than the host, taking the direction of ' +
        'each figure into account (green up to 1.1x, yellow up to 2x, orange up to 10x, red beyond).' +
        (SERIES.size > 0 ? ' With rounds: the median over the rounds, the ratio of the medians, and ' +
          'the smallest to the largest round.' : '')));
  }

  function addChart(container, config, attributes) {
    const box = element('div', Object.assign({ class: 'chart' }, attributes || {}));
    const canvas = element('canvas');
    box.append(canvas);
    container.append(box);
    charts.push({ canvas, chart: new Chart(canvas, config) });
  }

  function figureChart(container, name, entries) {
    const first = entries[0][1].figures.find((f) => f.name === name);
    const labels = entries.map(([runtime]) => runtime);
    const values = entries.map(([, m]) => (m.figures.find((f) => f.name === name) || {}).value);
    const datasets = [{ type: 'bar', label: name, data: values,
      backgroundColor: labels.map(colour) }];
    // where the figure is a mean of repeats, a thin dark bar spans their smallest to largest
    const ranges = entries.map(([, m]) => {
      const f = m.figures.find((x) => x.name === name);
      return f && f.samples.length > 1 ? [Math.min(...f.samples), Math.max(...f.samples)] : null;
    });
    const withSpread = ranges.some((r) => r !== null);
    if (withSpread) {
      datasets.push({ type: 'bar', label: 'spread of single samples', data: ranges, grouped: false,
        barPercentage: 0.12, backgroundColor: '#111827' });
    }
    addChart(container, {
      data: { labels, datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { title: { display: true, text: `${name} (${first.unit}, ${first.better === 'HIGHER' ? 'higher' : 'lower'} is better)` },
          legend: { display: withSpread } },
        scales: { y: { beginAtZero: true, title: { display: true, text: first.unit } } } },
    });
  }

  function latencyChart(container, entries) {
    const labels = entries.map(([runtime]) => runtime);
    const micros = (key) => entries.map(([, m]) => m.latency[key] / 1e3);
    addChart(container, {
      type: 'bar',
      data: { labels, datasets: [
        { label: 'p50', data: micros('p50'), backgroundColor: labels.map(colour) },
        { label: 'p99', data: micros('p99'), backgroundColor: labels.map((r) => colour(r) + '80') }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { title: { display: true, text: `${entries[0][1].latency.metric}: p50 and p99 (us, log scale)` } },
        scales: { y: { type: 'logarithmic', title: { display: true, text: 'us' } } } },
    });
  }

  // HdrHistogram's percentile plot: x = 1 / (1 - percentile), log scale, so each "nine" gets equal room
  function percentileChart(container, entries) {
    const MAX_X = 1e6;
    const toX = (p) => (p >= 100 ? MAX_X : 1 / (1 - p / 100));
    const datasets = entries.map(([runtime, m]) => ({
      label: runtime, borderColor: colour(runtime), backgroundColor: colour(runtime), pointRadius: 2,
      data: m.latency.percentiles.map((p) => ({ x: toX(p.percentile), y: Math.max(p.nanos, 1) / 1e3 })),
    }));
    // ticks at powers of ten: 1 -> 0%, 10 -> 90%, 100 -> 99%, 1000 -> 99.9%, ...
    const labelOf = (x) => {
      const nines = Math.log10(x);
      if (!Number.isInteger(nines)) return '';
      if (x >= MAX_X) return 'max';
      if (nines === 0) return '0%';
      return (100 - Math.pow(10, 2 - nines)).toFixed(Math.max(0, nines - 2)) + '%';
    };
    addChart(container, {
      type: 'line',
      data: { datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { title: { display: true, text: 'latency by percentile (us, log scales)' } },
        scales: {
          x: { type: 'logarithmic', min: 1, max: MAX_X, ticks: { callback: (x) => labelOf(x) },
            title: { display: true, text: 'percentile' } },
          y: { type: 'logarithmic', title: { display: true, text: 'us' } } } },
    });
  }

  // each round's headline value in run order, one line per runtime: drift over the run shows as a
  // slope, a noisy runtime as a zigzag
  function roundsChart(container, seriesList) {
    const first = seriesList[0];
    const nanos = first.unit === 'ns';
    const unit = nanos ? 'us' : first.unit;
    const rounds = Math.max(...seriesList.flatMap((s) => s.trials.map((t) => t.round)));
    const labels = Array.from({ length: rounds }, (_, i) => String(i + 1));
    const datasets = seriesList.map((s) => ({
      label: s.runtime, borderColor: colour(s.runtime), backgroundColor: colour(s.runtime),
      pointRadius: 3, spanGaps: true,
      data: labels.map((round) => {
        const trial = s.trials.find((t) => String(t.round) === round);
        return trial ? (nanos ? trial.value / 1e3 : trial.value) : null;
      }),
    }));
    addChart(container, {
      type: 'line',
      data: { labels, datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { title: { display: true, text: `${first.name} per round, in run order (${unit}, ` +
          `${first.better === 'HIGHER' ? 'higher' : 'lower'} is better)` } },
        scales: { x: { title: { display: true, text: 'round' } },
          y: { beginAtZero: true, title: { display: true, text: unit } } } },
    }, { 'data-chart': 'rounds', 'data-values': datasets.map((d) =>
      `${d.label}: ${d.data.map((v) => (v === null ? '-' : String(v))).join(' ')}`).join('; ') });
  }

  function renderGroups() {
    const section = document.getElementById('measurements');
    let index = 0;
    groups.forEach((byRuntime, group) => {
      const entries = [...byRuntime.entries()].sort(([a], [b]) => byRuntimeOrder(a, b));
      const card = element('div', { class: 'group', id: 'group-' + index++ }, element('h3', {}, group),
        element('p', { class: 'links' }, 'parameters: ' + (entries[0][1].groupParameters || 'none')));
      const notes = [...new Set(entries.flatMap(([runtime, m]) => m.notes.map((n) => `${runtime}: ${n}`)))];
      if (notes.length > 0) {
        const list = element('ul', { class: 'notes' });
        notes.forEach((n) => list.append(element('li', {}, n)));
        card.append(list);
      }
      const chartsBox = element('div', { class: 'charts' });
      card.append(chartsBox);
      const seriesList = entries.map(([runtime]) => SERIES.get(seriesKey(group, runtime))).filter((x) => x);
      if (seriesList.length > 0) {
        card.setAttribute('data-rounds', String(Math.max(...seriesList.map((x) => x.trials.length))));
        card.insertBefore(element('p', { class: 'links' }, 'Rounds: each a fresh sandbox per runtime, ' +
          'run interleaved. The other charts show each runtime\'s median round: ' +
          seriesList.map((x) => `${x.runtime} round ${x.medianRound}`).join(', ') + '.'), chartsBox);
        roundsChart(chartsBox, seriesList);
      }
      const names = [...new Set(entries.flatMap(([, m]) => m.figures.map((f) => f.name)))];
      names.forEach((name) => figureChart(chartsBox,
        name, entries.filter(([, m]) => m.figures.some((f) => f.name === name))));
      const withLatency = entries.filter(([, m]) => m.latency);
      if (withLatency.length > 0) {
        latencyChart(chartsBox, withLatency);
        percentileChart(chartsBox, withLatency);
      }
      const links = element('p', { class: 'links' });
      entries.forEach(([runtime, m]) => {
        links.append(`${runtime}: `, element('a', { href: m.invocationFile }, 'invocation.json'));
        if (m.latency) {
          links.append(' ', element('a', { href: m.latency.percentileFile }, '.hgrm'),
            ' ', element('a', { href: m.latency.logFile }, '.hlog'));
        }
        links.append(' · ');
      });
      card.append(links);
      section.append(card);
    });
  }

  function renderProblems() {
    const section = document.getElementById('problems');
    const problems = REPORT.tests.filter((t) => t.status !== 'SUCCESSFUL');
    if (problems.length === 0) {
      section.append(element('p', {}, 'None: every test passed.'));
      return;
    }
    const table = element('table', {}, element('tr', {},
      element('th', {}, 'test'), element('th', {}, 'status'), element('th', {}, 'reason')));
    problems.forEach((t) => table.append(element('tr', {},
      element('td', {}, t.displayName), element('td', { class: 'status-' + t.status.toLowerCase() }, t.status.toLowerCase()),
      element('td', {}, t.reason))));
    section.append(table);
  }

  function renderEnvironment() {
    const section = document.getElementById('environment');
    const environment = REPORT.environment || {};
    const table = element('table');
    Object.entries(environment).forEach(([key, value]) =>
      table.append(element('tr', {}, element('th', {}, key), element('td', {}, String(value)))));
    section.append(table);
    const runtimes = element('table', {}, element('tr', {}, ...['runtime', 'Docker name', 'binary',
      'daemon runtime arguments', 'version', 'platform', 'network'].map((h) => element('th', {}, h))));
    REPORT.runtimes.forEach((r) => runtimes.append(element('tr', {},
      ...[r.id, r.dockerName || '-', r.path || '-', (r.runtimeArgs || []).join(' ') || '-', r.version || '-',
        r.platform || '-', r.networkMode || '-']
        .map((v) => element('td', {}, v)))));
    section.append(runtimes);
  }

  function markRendered() {
    let rendered = 0;
    charts.forEach(({ canvas }) => {
      if (canvas.width === 0 || canvas.height === 0) return;
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
      if (painted > 1000) rendered++;
    });
    document.body.dataset.chartsExpected = String(charts.length);
    document.body.dataset.chartsRendered = String(rendered);
    document.body.dataset.errors = errors.join(' | ');
  }

  try {
    renderOverview();
    renderSkips();
    renderSummary();
    renderGroups();
    renderProblems();
    renderEnvironment();
  } catch (error) {
    errors.push(String(error && error.stack || error));
  }
  // responsive charts take their size after layout: check them once the page has settled
  window.addEventListener('load', () => setTimeout(markRendered, 200));
})();
