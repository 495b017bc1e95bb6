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

  // every measurement, with the invocation file, the round of the matrix it came from, and whether
  // it is a trial of a comparison (Sandbox.compare) rather than a measurement of the matrix
  const MEASUREMENTS = REPORT.invocations.flatMap((invocation) =>
    invocation.measurements.map((m) => Object.assign(
      { invocationFile: invocation.file, round: invocation.round || 1,
        inComparison: (invocation.comparisons || []).length > 0 }, m)));

  // rounds of a matrix (@Runtimes(rounds = ...)): per group and runtime, each round's headline value
  // with their median and range, computed in Java (results.json trialSeries)
  const seriesKey = (group, runtime) => group + '\u0000' + runtime;
  const SERIES = new Map((REPORT.trialSeries || []).map((s) => [seriesKey(s.group, s.runtime), s]));

  // comparisons (Sandbox.compare), with the invocation that ran them; verdicts, ratios and
  // intervals are computed in Java (results.json comparisons), the page draws them
  const COMPARISONS = REPORT.invocations.flatMap((invocation) =>
    (invocation.comparisons || []).map((comparison) => ({ invocation, comparison })));

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
    [['summary', 'Ratio to host'], ...(COMPARISONS.length > 0 ? [['comparisons', 'Comparisons']] : []),
      ['measurements', 'Measurements'], ['problems', 'Failures and skips'], ['environment', 'Environment']]
      .forEach(([id, text]) => toc.append(element('a', { href: '#' + id }, text)));
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
    let fromComparisons = 0;
    groups.forEach((byRuntime, group) => {
      const anchor = 'group-' + index++;
      // a comparison's trials: one trial is no figure of the runtime; the comparison's own
      // section has the medians of all of them and the ratio with its interval
      if ([...byRuntime.values()].every((m) => m.inComparison)) {
        fromComparisons++;
        return;
      }
      const row = element('tr', {}, element('td', {}, element('a', { href: '#' + anchor }, group)));
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
          'the smallest to the largest round.' : '') +
        (fromComparisons > 0 ? ` ${fromComparisons} groups of comparison trials are not in this ` +
          'table: see Comparisons for their ratios and intervals, and Measurements for each trial.' : '')));
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

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, String(value)));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const VERDICT_MARKS = { BETTER: '+', WORSE: '-', EQUIVALENT: '=', INCONCLUSIVE: '~' };
  const ratioText = (r) => (r === null || r === undefined ? 'inf' : r === 0 ? '0' :
    r >= 100 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toPrecision(3));
  const pText = (p) => (p >= 0.001 ? p.toPrecision(2) : p.toExponential(1));
  const valueText = (value, unit) => (unit === 'ns'
    ? (value < 1e3 ? `${value.toFixed(0)} ns` : value < 1e6 ? `${(value / 1e3).toFixed(1)} us`
      : `${(value / 1e6).toFixed(2)} ms`)
    : `${value >= 100 ? value.toFixed(0) : value.toPrecision(3)} ${unit}`);

  // each trial's value in run order, one line per side: drift over the comparison shows as a slope,
  // and the balanced order (ABBA BAAB ...) as the points alternating between the lines
  function trialsChart(container, comparison, figure) {
    const trials = [...comparison.trials].sort((x, y) => x.index - y.index);
    const nanos = figure.unit === 'ns';
    const unit = nanos ? 'us' : figure.unit;
    const labels = trials.map((t) => String(t.index + 1));
    const sameRuntime = comparison.a === comparison.b;
    const datasets = ['A', 'B'].map((side) => {
      // A/A: one runtime on both sides, so B is drawn dark and dashed to tell them apart
      const lineColour = side === 'B' && sameRuntime ? '#111827' : colour(side === 'A' ? comparison.a : comparison.b);
      return {
        label: `${side}: ${side === 'A' ? comparison.a : comparison.b}`,
        borderColor: lineColour, backgroundColor: lineColour, pointRadius: 3, spanGaps: true,
        borderDash: side === 'B' ? [6, 4] : [], pointStyle: side === 'B' ? 'rect' : 'circle',
        data: trials.map((t) => {
          const value = t.side === side ? t.values[figure.name] : undefined;
          return value === undefined || value === null ? null : (nanos ? value / 1e3 : value);
        }),
      };
    });
    addChart(container, {
      type: 'line',
      data: { labels, datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { title: { display: true, text: `${figure.name} per trial, in run order (${unit}, ` +
          `${figure.better === 'HIGHER' ? 'higher' : 'lower'} is better)` } },
        scales: { x: { title: { display: true, text: 'trial' } },
          y: { beginAtZero: true, title: { display: true, text: unit } } } },
    }, { 'data-chart': 'trials', 'data-values': datasets.map((d) =>
      `${d.label}: ${d.data.filter((v) => v !== null).join(' ')}`).join('; ') });
  }

  // the ratio A/B with its interval on a log axis, against the rule's tolerance band around 1
  function intervalStrip(comparison, figure) {
    const width = 420;
    const height = 84;
    const band = [1 - comparison.tolerance, 1 + comparison.tolerance];
    const unbounded = figure.high === null || figure.high === undefined;
    const finite = [band[0], band[1], figure.ratio, figure.low > 0 ? figure.low : band[0] / 2]
      .concat(unbounded ? [] : [figure.high]);
    const min = Math.min(...finite) / 1.15;
    const max = Math.max(...finite) * (unbounded ? 2 : 1.15);
    const x = (r) => 20 + (width - 40) * (Math.log(Math.max(r, min)) - Math.log(min)) / (Math.log(max) - Math.log(min));
    const drawing = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
      class: 'interval', 'aria-label': `${figure.name}: ratio ${ratioText(figure.ratio)}x, interval ` +
        `[${ratioText(figure.low)}, ${ratioText(figure.high)}], equivalence band [${band[0]}, ${band[1]}]` });
    drawing.append(
      svg('rect', { x: x(band[0]), y: 16, width: x(band[1]) - x(band[0]), height: 36, class: 'band' }),
      svg('text', { x: (x(band[0]) + x(band[1])) / 2, y: 11, class: 'band-label' },
        `equivalent: ${band[0]}-${band[1]}`),
      svg('line', { x1: x(1), x2: x(1), y1: 16, y2: 52, class: 'one' }),
      svg('line', { x1: x(figure.low), x2: unbounded ? width - 4 : x(figure.high), y1: 34, y2: 34,
        class: 'ci verdict-' + figure.verdict.toLowerCase() }),
      svg('line', { x1: x(figure.low), x2: x(figure.low), y1: 27, y2: 41, class: 'ci verdict-' + figure.verdict.toLowerCase() }),
      svg('circle', { cx: x(figure.ratio), cy: 34, r: 5, class: 'ratio verdict-' + figure.verdict.toLowerCase() }),
      svg('text', { x: x(figure.low), y: 66, class: 'tick' }, ratioText(figure.low)),
      svg('text', { x: x(figure.ratio), y: 80, class: 'tick' }, ratioText(figure.ratio) + 'x'),
      unbounded ? svg('text', { x: width - 12, y: 66, class: 'tick' }, 'inf')
        : svg('text', { x: x(figure.high), y: 66, class: 'tick' }, ratioText(figure.high)));
    if (!unbounded) {
      drawing.append(svg('line', { x1: x(figure.high), x2: x(figure.high), y1: 27, y2: 41,
        class: 'ci verdict-' + figure.verdict.toLowerCase() }));
    }
    return drawing;
  }

  function renderComparisons() {
    if (COMPARISONS.length === 0) return;
    const section = element('section', { id: 'comparisons' }, element('h2', {}, 'Comparisons'),
      element('p', { class: 'links' }, 'Each comparison ran its sides in interleaved trials (ABBA BAAB ...), ' +
        'each trial in a fresh sandbox. Per figure: every trial\'s value in run order, the ratio A/B of the ' +
        'medians with its confidence interval against the rule\'s equivalence band (the bound a test ' +
        'asserted is not recorded in the report: its assertion message names it), and the verdict. ' +
        'Marks: + A better, - A worse, = equivalent, ~ no significant difference.'));
    document.getElementById('measurements').before(section);
    COMPARISONS.forEach(({ invocation, comparison }, index) => {
      const testClass = invocation.testClass.substring(invocation.testClass.lastIndexOf('.') + 1);
      const title = `${testClass}${invocation.testMethod ? '.' + invocation.testMethod : ''} · ` +
        `${comparison.probe}: ${comparison.a} vs ${comparison.b}`;
      const counts = { A: 0, B: 0 };
      comparison.trials.forEach((t) => { counts[t.side] = (counts[t.side] || 0) + 1; });
      const parameters = Object.entries(comparison.parameters || {}).map(([k, v]) => `${k}=${v}`).join(', ');
      const card = element('div', { class: 'group comparison', id: 'comparison-' + index },
        element('h3', {}, title),
        element('p', { class: 'links' }, `test: ${invocation.displayName}` +
          (invocation.status ? ` (${invocation.status.toLowerCase()})` : '') +
          ` · trials: ${counts.A} of A (${comparison.a}), ${counts.B} of B (${comparison.b})` +
          ` · parameters: ${parameters || 'none'}`),
        element('p', { class: 'links rule' }, `rule: ${comparison.rule}`));
      if ((comparison.notes || []).length > 0) {
        const list = element('ul', { class: 'notes' });
        comparison.notes.forEach((n) => list.append(element('li', {}, n)));
        card.append(list);
      }
      const table = element('table', {}, element('tr', {}, ...['figure', `median A (${comparison.a})`,
        `median B (${comparison.b})`, 'ratio A/B', `${Math.round(comparison.confidence * 1000) / 10}% interval`,
        'p', 'trials', 'verdict'].map((h) => element('th', {}, h))));
      const chartsBox = element('div', { class: 'charts' });
      comparison.figures.forEach((figure) => {
        const verdict = figure.verdict.toLowerCase();
        table.append(element('tr', { 'data-verdict': figure.verdict },
          element('td', {}, figure.name),
          element('td', { class: 'number' }, valueText(figure.medianA, figure.unit)),
          element('td', { class: 'number' }, valueText(figure.medianB, figure.unit)),
          element('td', { class: 'number' }, ratioText(figure.ratio) + 'x'),
          element('td', { class: 'number' }, `[${ratioText(figure.low)}, ${ratioText(figure.high)}]`),
          element('td', { class: 'number' }, pText(figure.p)),
          element('td', { class: 'number' }, `${figure.a.length}+${figure.b.length}`),
          element('td', { class: 'verdict-' + verdict }, `${VERDICT_MARKS[figure.verdict]} ${verdict}`)));
        const box = element('div', { class: 'comparison-figure', 'data-figure': figure.name });
        chartsBox.append(box);
        trialsChart(box, comparison, figure);
        box.append(intervalStrip(comparison, figure));
      });
      card.append(table, chartsBox);
      section.append(card);
    });
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
    renderComparisons();
    renderGroups();
    renderProblems();
    renderEnvironment();
  } catch (error) {
    errors.push(String(error && error.stack || error));
  }
  // responsive charts take their size after layout: check them once the page has settled
  window.addEventListener('load', () => setTimeout(markRendered, 200));
})();
