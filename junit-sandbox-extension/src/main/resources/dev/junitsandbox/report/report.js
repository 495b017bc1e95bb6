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
    [...(GATE || JUDGED.length > 0 ? [['gate', 'Gate']] : []), ...(TREND ? [['trend', 'Trend']] : []),
      ['summary', 'Ratio to host'],
      ...(STUDY_FIGURES.charts.length > 0 ? [['study-figures', 'The studies\' figures']] : []),
      ...(COMPARISONS.length > 0 ? [['comparisons', 'Comparisons']] : []),
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

  // a ratio with its interval on a log axis, against a band of +-tolerance around 1: a comparison's
  // A/B against its equivalence band, a gate's candidate/reference against the figure's tolerance.
  // strip: { name, ratio, low, high (null: unbounded), tolerance, tone (the verdict's colour:
  // worse, better, equivalent, inconclusive), bandLabel }
  function intervalStrip(strip) {
    const width = 420;
    const height = 84;
    const band = [Math.round((1 - strip.tolerance) * 1e6) / 1e6, Math.round((1 + strip.tolerance) * 1e6) / 1e6];
    const unbounded = strip.high === null || strip.high === undefined;
    const finite = [band[0], band[1], strip.ratio, strip.low > 0 ? strip.low : band[0] / 2]
      .concat(unbounded ? [] : [strip.high]);
    const min = Math.min(...finite) / 1.15;
    const max = Math.max(...finite) * (unbounded ? 2 : 1.15);
    const x = (r) => 20 + (width - 40) * (Math.log(Math.max(r, min)) - Math.log(min)) / (Math.log(max) - Math.log(min));
    const tone = 'ci verdict-' + strip.tone;
    const drawing = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
      class: 'interval', 'aria-label': `${strip.name}: ratio ${ratioText(strip.ratio)}x, interval ` +
        `[${ratioText(strip.low)}, ${ratioText(strip.high)}], ${strip.bandLabel} band [${band[0]}, ${band[1]}]` });
    drawing.append(
      svg('rect', { x: x(band[0]), y: 16, width: x(band[1]) - x(band[0]), height: 36, class: 'band' }),
      svg('text', { x: (x(band[0]) + x(band[1])) / 2, y: 11, class: 'band-label' },
        `${strip.bandLabel}: ${band[0]}-${band[1]}`),
      svg('line', { x1: x(1), x2: x(1), y1: 16, y2: 52, class: 'one' }),
      svg('line', { x1: x(strip.low), x2: unbounded ? width - 4 : x(strip.high), y1: 34, y2: 34, class: tone }),
      svg('line', { x1: x(strip.low), x2: x(strip.low), y1: 27, y2: 41, class: tone }),
      svg('circle', { cx: x(strip.ratio), cy: 34, r: 5, class: 'ratio verdict-' + strip.tone }),
      svg('text', { x: x(strip.low), y: 66, class: 'tick' }, ratioText(strip.low)),
      svg('text', { x: x(strip.ratio), y: 80, class: 'tick' }, ratioText(strip.ratio) + 'x'),
      unbounded ? svg('text', { x: width - 12, y: 66, class: 'tick' }, 'inf')
        : svg('text', { x: x(strip.high), y: 66, class: 'tick' }, ratioText(strip.high)));
    if (!unbounded) {
      drawing.append(svg('line', { x1: x(strip.high), x2: x(strip.high), y1: 27, y2: 41, class: tone }));
    }
    return drawing;
  }

  // a comparison's ratio A/B against the rule's equivalence band
  function comparisonStrip(comparison, figure) {
    return intervalStrip({ name: figure.name, ratio: figure.ratio, low: figure.low, high: figure.high,
      tolerance: comparison.tolerance, tone: figure.verdict.toLowerCase(), bandLabel: 'equivalent' });
  }

  // the gate's verdicts: decided in Java (results.json gate and comparisons[].gate), drawn here
  const GATE = REPORT.gate || null;
  const JUDGED = COMPARISONS.map((c, index) => Object.assign({ index }, c)).filter((c) => c.comparison.gate);
  const GATE_MARKS = { REGRESSION: '-', IMPROVEMENT: '+', NO_CHANGE: '=', INCONCLUSIVE: '~' };
  const GATE_WORDS = { REGRESSION: 'regression', IMPROVEMENT: 'improvement', NO_CHANGE: 'no change',
    INCONCLUSIVE: 'inconclusive' };
  // the colour of the comparison section's strips: a regression is worse, an improvement better
  const GATE_TONES = { REGRESSION: 'worse', IMPROVEMENT: 'better', NO_CHANGE: 'equivalent',
    INCONCLUSIVE: 'inconclusive' };
  const gateClass = (verdict) => 'gate-' + verdict.toLowerCase().replace('_', '-');
  const gateVerdictCell = (verdict) =>
    element('td', { class: gateClass(verdict), 'data-gate': verdict }, `${GATE_MARKS[verdict]} ${GATE_WORDS[verdict]}`);
  const orDash = (value, text) => (value === null || value === undefined ? '-' : text(value));
  const changeText = (ratio) => orDash(ratio, (r) => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)}%`);
  const percentText = (fraction) => `${Math.round(fraction * 1e4) / 100}%`;

  // a gated figure's rounds: the baseline's in run order, then this run's, as dots on one axis
  function gateTrialsChart(container, verdict) {
    const nanos = verdict.unit === 'ns';
    const unit = nanos ? 'us' : verdict.unit;
    const scaled = (v) => (nanos ? v / 1e3 : v);
    const before = verdict.baselineValues || [];
    const after = verdict.currentValues || [];
    const labels = before.map((_, i) => 'b' + (i + 1)).concat(after.map((_, i) => String(i + 1)));
    // the baseline light grey squares; this run in its runtime's colour (the host's grey is dark here)
    const now = verdict.runtime === 'host' ? '#111827' : colour(verdict.runtime);
    const datasets = [
      { label: `baseline (${before.length} rounds)`, borderColor: '#9ca3af', backgroundColor: '#9ca3af',
        pointStyle: 'rect', data: labels.map((_, i) => (i < before.length ? scaled(before[i]) : null)) },
      { label: `this run (${after.length} rounds)`, borderColor: now, backgroundColor: now,
        data: labels.map((_, i) => (i >= before.length ? scaled(after[i - before.length]) : null)) }];
    datasets.forEach((d) => Object.assign(d, { showLine: false, pointRadius: 4 }));
    addChart(container, {
      type: 'line',
      data: { labels, datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { title: { display: true, text: `${verdict.figure} per round: baseline, then this run (${unit})` } },
        scales: { x: { title: { display: true, text: 'round (b: the baseline\'s)' } },
          y: { beginAtZero: true, title: { display: true, text: unit } } } },
    }, { 'data-chart': 'gate-trials', 'data-values': `baseline: ${before.map(scaled).join(' ')}; ` +
      `this run: ${after.map(scaled).join(' ')}` });
  }

  function renderBaselineGate(section) {
    const started = GATE.baselineStarted ? `, started ${GATE.baselineStarted}` : '';
    const runs = (GATE.baselineRunIds || []).length > 0 ? ` (run ${GATE.baselineRunIds.join(', ')}${started})` : started;
    section.append(element('h3', {}, 'Against the stored baseline'),
      element('p', { class: 'provenance' }, `Baseline: ${GATE.baseline}${runs}.`));
    if (GATE.problem) {
      section.append(element('div', { class: 'alert alert-aborted', 'data-status': 'BASELINE_PROBLEM' },
        GATE.problem));
    }
    const figures = GATE.figures || [];
    if (figures.length === 0) {
      section.append(element('p', {}, 'No figure was gated.'));
      return;
    }
    const counts = Object.keys(GATE_WORDS).map((v) => [v, figures.filter((f) => f.verdict === v).length])
      .filter(([, n]) => n > 0).map(([v, n]) => `${n} ${GATE_WORDS[v]}`);
    section.append(element('p', {}, `${figures.length} figures gated: ${counts.join(', ')}.`));
    const table = element('table', { class: 'gate' }, element('tr', {}, ...['test', 'runtime', 'figure', 'mode',
      'baseline -> this run', 'change', `${percentText(1 - figures[0].alpha)} interval`, 'p', 'trials',
      'tolerance', 'verdict'].map((h) => element('th', {}, h))));
    const chartsBox = element('div', { class: 'charts' });
    figures.forEach((f, index) => {
      const anchor = 'gate-figure-' + index;
      const medians = orDash(f.baselineMedian, (m) => valueText(m, f.unit).trim()) + ' -> ' +
        orDash(f.currentMedian, (m) => valueText(m, f.unit).trim());
      table.append(element('tr', { 'data-gate': f.verdict, class: gateClass(f.verdict) },
        element('td', {}, f.test), element('td', {}, f.runtime),
        element('td', {}, element('a', { href: '#' + anchor }, f.figure)),
        element('td', {}, f.mode || '-'),
        element('td', { class: 'number' }, medians),
        element('td', { class: 'number' }, changeText(f.ratio)),
        element('td', { class: 'number' }, orDash(f.low, () => `[${ratioText(f.low)}, ${ratioText(f.high)}]`)),
        element('td', { class: 'number' }, orDash(f.p, pText)),
        element('td', { class: 'number' }, `${f.baselineTrials}+${f.currentTrials}`),
        element('td', { class: 'number' }, '±' + percentText(f.tolerance)),
        gateVerdictCell(f.verdict)));
      const box = element('div', { class: 'comparison-figure gate-figure', id: anchor, 'data-figure': f.figure },
        element('p', { class: 'links' }, `${f.test} · ${f.runtime} · ${f.figure}: ${GATE_MARKS[f.verdict]} ${GATE_WORDS[f.verdict]}`));
      chartsBox.append(box);
      if ((f.baselineValues || []).length + (f.currentValues || []).length > 0) gateTrialsChart(box, f);
      if (f.ratio !== null && f.ratio !== undefined) {
        box.append(intervalStrip({ name: f.figure, ratio: f.ratio, low: f.low, high: f.high, tolerance: f.tolerance,
          tone: GATE_TONES[f.verdict], bandLabel: f.mode === 'relative to host' ? 'tolerance (ratio to host)' : 'tolerance' }));
      } else {
        box.append(element('p', { class: 'links' }, 'No interval: ' + shortReason(f.message.replace(/^gate: /, ''))));
      }
    });
    section.append(table);
    const changes = [...new Set(figures.flatMap((f) => f.changes || []))];
    section.append(element('h4', {}, 'What changed since the baseline'));
    if (changes.length === 0) {
      section.append(element('p', { class: 'links changes' }, 'Nothing the gate records (kernel, Docker, runtime versions, binaries, arguments).'));
    } else {
      const list = element('ul', { class: 'changes' });
      changes.forEach((c) => list.append(element('li', {}, c)));
      section.append(list);
    }
    section.append(chartsBox, element('p', { class: 'links' }, 'Per figure: each round of the baseline ' +
      '(b1, b2, ...) and of this run, in run order, and the ratio this run/baseline with its interval ' +
      'against the figure\'s tolerance (log axis); relative to host, the ratio is of each round\'s ' +
      'value divided by the host\'s in the same round, while the dots are the figure itself.'));
    const messages = element('details', {}, element('summary', {}, 'The verdicts as the tests said them'));
    const list = element('ul', { class: 'messages' });
    figures.forEach((f) => list.append(element('li', {}, f.message)));
    messages.append(list);
    section.append(messages);
  }

  function renderJudged(section) {
    section.append(element('h3', {}, 'Side by side'), element('p', { class: 'links' },
      'Comparisons a test judged with the gate: the candidate (A) against the reference (B), in ' +
      'interleaved trials of one run; their trials and intervals are in Comparisons.'));
    const table = element('table', { class: 'gate' }, element('tr', {}, ...['test', 'candidate vs reference',
      'figure', 'reference -> candidate', 'change', 'interval', 'p', 'trials', 'tolerance', 'verdict']
      .map((h) => element('th', {}, h))));
    JUDGED.forEach(({ invocation, comparison, index }) => {
      const gate = comparison.gate;
      const testClass = invocation.testClass.substring(invocation.testClass.lastIndexOf('.') + 1);
      const test = `${testClass}${invocation.testMethod ? '.' + invocation.testMethod : ''}`;
      gate.figures.forEach((f) => table.append(element('tr', { 'data-gate': f.verdict, class: gateClass(f.verdict) },
        element('td', {}, test),
        element('td', {}, element('a', { href: '#comparison-' + index }, `${comparison.a} vs ${comparison.b}`)),
        element('td', {}, f.name),
        element('td', { class: 'number' }, `${valueText(f.referenceMedian, f.unit).trim()} -> ${valueText(f.candidateMedian, f.unit).trim()}`),
        element('td', { class: 'number' }, changeText(f.ratio)),
        element('td', { class: 'number' }, `[${ratioText(f.low)}, ${ratioText(f.high)}]`),
        element('td', { class: 'number' }, pText(f.p)),
        element('td', { class: 'number' }, `${f.referenceTrials}+${f.candidateTrials}`),
        element('td', { class: 'number' }, '±' + percentText(f.tolerance)),
        gateVerdictCell(f.verdict))));
    });
    section.append(table);
    JUDGED.forEach(({ invocation, comparison }) => {
      const testClass = invocation.testClass.substring(invocation.testClass.lastIndexOf('.') + 1);
      const changed = comparison.gate.whatChanged || [];
      section.append(element('p', { class: 'links changes' },
        `${testClass}.${invocation.testMethod || ''} · ${comparison.a} vs ${comparison.b}: ` +
        `${GATE_MARKS[comparison.gate.verdict]} ${GATE_WORDS[comparison.gate.verdict]}; what changed: ` +
        (changed.length > 0 ? changed.join('; ') : 'nothing the gate records') + `; rule: ${comparison.gate.rule}`));
    });
  }

  function renderGate() {
    if (!GATE && JUDGED.length === 0) return;
    const section = element('section', { id: 'gate' }, element('h2', {}, 'Gate'),
      element('p', { class: 'links' }, 'Per figure: did it get worse (- regression: the test failed), better ' +
        '(+ improvement), stay within the tolerance (= no change), or can the trials not tell (~ inconclusive)? ' +
        'The interval is of the ratio this run/baseline (or candidate/reference); trials are baseline+this run ' +
        '(or reference+candidate).'));
    document.getElementById('summary').before(section);
    if (GATE) renderBaselineGate(section);
    if (JUDGED.length > 0) renderJudged(section);
  }

  // the run history (junit.sandbox.gate.history): per series the median of each of the last runs,
  // with the smallest and largest round, and the gate's verdict where a run was gated; prepared in
  // Java (the Trend record), the page places the points and draws them
  const TREND_COLOURS = { REGRESSION: '#b42318', IMPROVEMENT: '#15803d', INCONCLUSIVE: '#9ca3af' };
  const TREND_STYLES = { REGRESSION: 'triangle', IMPROVEMENT: 'rectRot', INCONCLUSIVE: 'crossRot' };
  function trendChart(container, series) {
    const nanos = series.unit === 'ns';
    const unit = nanos ? 'us' : series.unit;
    const scaled = (v) => (nanos ? v / 1e3 : v);
    const labels = TREND.shown.map((r) => r.label);
    const at = labels.map(() => null);
    series.points.forEach((p) => { at[p.run] = p; });
    // the host's grey is too light for a line of its own here
    const line = series.runtime === 'host' ? '#111827' : colour(series.runtime);
    const pointColour = at.map((p) => (p && p.verdict && TREND_COLOURS[p.verdict]) || line);
    addChart(container, {
      data: { labels, datasets: [
        { type: 'line', label: 'median of the rounds', data: at.map((p) => (p ? scaled(p.median) : null)),
          spanGaps: true, borderColor: line, pointBorderColor: pointColour,
          // hollow: a run on another machine; larger: this run
          pointBackgroundColor: at.map((p, i) => (TREND.shown[i].otherMachine ? '#ffffff' : pointColour[i])),
          pointStyle: at.map((p) => (p && p.verdict && TREND_STYLES[p.verdict]) || 'circle'),
          pointRadius: at.map((p, i) => (TREND.shown[i].current ? 7 : p && p.verdict ? 6 : 4)), order: 0 },
        { type: 'bar', label: 'smallest to largest round', data: at.map((p) => (p ? [scaled(p.min), scaled(p.max)] : null)),
          barPercentage: 0.15, backgroundColor: '#11182733', order: 1 }] },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {
          title: { display: true, text: `${series.runtime} · ${series.figure} per run (${unit}, ` +
            `${series.better === 'HIGHER' ? 'higher' : 'lower'} is better)` },
          subtitle: { display: true, text: series.group },
          legend: { display: false },
          tooltip: { callbacks: { label: (context) => (at[context.dataIndex] ? at[context.dataIndex].text : '') } } },
        scales: { x: { ticks: { autoSkip: true, maxRotation: 60 } },
          y: { beginAtZero: true, title: { display: true, text: unit } } } },
    }, { 'data-chart': 'trend', 'data-series': `${series.group} · ${series.runtime} · ${series.figure}`,
      'data-points': String(series.points.length),
      'data-values': at.map((p) => (p ? String(scaled(p.median)) : '-')).join(' '),
      'data-verdicts': at.map((p) => (p ? p.verdict || '.' : '-')).join(' ') });
  }

  function renderTrend() {
    if (!TREND) return;
    const runs = TREND.shown.length;
    const section = element('section', { id: 'trend' }, element('h2', {}, 'Trend'),
      element('p', { class: 'links' }, `The last ${runs} of ${TREND.runs} runs in the history ` +
        `${TREND.history} (at most ${TREND.cap} are shown; the file keeps them all). Per series: the ` +
        'median of each run\'s rounds, a bar from its smallest to its largest round, this run\'s point ' +
        'larger; where a run was gated against a baseline its verdict marks the point (red triangle ' +
        'regression, green diamond improvement, grey cross inconclusive, plain no change); hollow: ' +
        'another machine. Only series with rounds (2 or more) are recorded.'));
    document.getElementById('summary').before(section);
    if ((TREND.notes || []).length > 0) {
      const list = element('ul', { class: 'notes trend-notes' });
      TREND.notes.forEach((n) => list.append(element('li', {}, n)));
      section.append(list);
    }
    if (TREND.series.length === 0) {
      section.append(element('p', {}, 'No series to draw: none of the runs shown measured a matrix ' +
        'in rounds (@Runtimes(rounds = ...) or junit.sandbox.rounds of 2 or more).'));
      return;
    }
    const chartsBox = element('div', { class: 'charts' });
    TREND.series.forEach((series) => trendChart(chartsBox, series));
    section.append(chartsBox);
  }

  function renderComparisons() {
    if (COMPARISONS.length === 0) return;
    const section = element('section', { id: 'comparisons' }, element('h2', {}, 'Comparisons'),
      element('p', { class: 'links' }, 'Each comparison ran its sides in interleaved trials (ABBA BAAB ...), ' +
        'each trial in a fresh sandbox. Per figure: every trial\'s value in run order, the ratio A/B of the ' +
        'medians with its confidence interval against the rule\'s equivalence band (the bound a test ' +
        'asserted is not recorded in the report: its assertion message names it), and the verdict. ' +
        'Marks: + A better, - A worse, = equivalent, ~ no significant difference.' +
        (JUDGED.length > 0 ? ' Where a gate judged a comparison (A the candidate, B the reference), ' +
          'its verdict per figure is in the gate column: - regression, + improvement, = no change, ' +
          '~ inconclusive; see Gate.' : '')));
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
        'p', 'trials', 'verdict', ...(comparison.gate ? ['gate'] : [])].map((h) => element('th', {}, h))));
      const chartsBox = element('div', { class: 'charts' });
      comparison.figures.forEach((figure) => {
        const verdict = figure.verdict.toLowerCase();
        const row = element('tr', { 'data-verdict': figure.verdict },
          element('td', {}, figure.name),
          element('td', { class: 'number' }, valueText(figure.medianA, figure.unit)),
          element('td', { class: 'number' }, valueText(figure.medianB, figure.unit)),
          element('td', { class: 'number' }, ratioText(figure.ratio) + 'x'),
          element('td', { class: 'number' }, `[${ratioText(figure.low)}, ${ratioText(figure.high)}]`),
          element('td', { class: 'number' }, pText(figure.p)),
          element('td', { class: 'number' }, `${figure.a.length}+${figure.b.length}`),
          element('td', { class: 'verdict-' + verdict }, `${VERDICT_MARKS[figure.verdict]} ${verdict}`));
        if (comparison.gate) {
          // the gate judged this comparison: its verdict per figure, at its own alpha and tolerance
          const judged = comparison.gate.figures.find((g) => g.name === figure.name);
          row.append(judged ? gateVerdictCell(judged.verdict) : element('td', {}, 'not judged'));
        }
        table.append(row);
        const box = element('div', { class: 'comparison-figure', 'data-figure': figure.name });
        chartsBox.append(box);
        trialsChart(box, comparison, figure);
        box.append(comparisonStrip(comparison, figure));
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
    renderStudyFigures(STUDY_FIGURES, { element, addChart, colour });
    renderGate();
    renderTrend();
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
