import type { Language } from '../../../../electron/contract';
import type { AdminActions } from './actions';

/** "Rapport maken": this PC's health report as PDF or HTML, in Dutch or English. SKELETON (issue 14). */
export function ReportCard(props: { language: Language; make: AdminActions['report.make'] }) {
  void props;
  return null;
}
