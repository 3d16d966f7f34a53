import { reportHtml } from '../../electron/agent/report/document';
import { createPreviewPdfRenderer } from '../../electron/preview/pdf-renderer';
import { REPORT_NOW, reportState } from '../unit/report/sample';
import { round } from './cpu';
import { dayOfHistory } from './day-of-history';

// reportRenderMs: the health report printed to PDF by the preview's PdfRenderer (Debian's Chromium,
// headless): the median of WARM_RENDERS prints once the browser runs; reportRenderColdMs the first,
// which starts Chromium. The report is the unit tests' laptop with the largest history the agent
// keeps (day-of-history.ts: a sample every 5 s for a day, compacted as the health capability compacts it).
// Also: building the HTML (reportHtmlMs, median) and the sizes of the HTML and the PDF.
const WARM_RENDERS = 5;

const state = reportState();
state.health = { ...state.health, history: dayOfHistory(REPORT_NOW) };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const timed = async <T>(work: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

const htmlTimes: number[] = [];
let html = '';
for (let i = 0; i < WARM_RENDERS; i++) {
  const [made, ms] = await timed(() => reportHtml({ state, language: 'nl', now: REPORT_NOW, mask: (s) => s }));
  html = made;
  htmlTimes.push(ms);
}

const printer = createPreviewPdfRenderer();
try {
  const [pdf, coldMs] = await timed(() => printer.render(html));
  const warm: number[] = [];
  for (let i = 0; i < WARM_RENDERS; i++) warm.push((await timed(() => printer.render(html)))[1]);
  process.stdout.write(
    JSON.stringify({
      reportRenderMs: round(median(warm)),
      reportRenderColdMs: round(coldMs),
      reportHtmlMs: round(median(htmlTimes)),
      reportHtmlKb: round(Buffer.byteLength(html) / 1024),
      reportPdfKb: round(pdf.byteLength / 1024),
      reportHistoryPoints: state.health.history.length,
    }) + '\n',
  );
} finally {
  await printer.close();
}
process.exit(0);
