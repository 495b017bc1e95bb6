/**
 * The typed model of a run's results, as {@code results.json} holds it: {@link
 * dev.junitsandbox.report.RunResult} and the records it is made of. Load an earlier run with {@link
 * dev.junitsandbox.report.RunResult#read(java.nio.file.Path)}, e.g. to compare against it in a
 * gate. The files themselves (JSON, HTML, console summary, HdrHistogram logs) are written by the
 * extension; their layout is described in {@code docs/report-schema.md}.
 */
package dev.junitsandbox.report;
