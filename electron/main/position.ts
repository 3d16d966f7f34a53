// Where the popup goes, next to the tray icon. Pure, so that every platform and taskbar edge is
// tested on one machine.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export type Edge = 'bottom' | 'top' | 'left' | 'right';

export interface PopupPlacement {
  trayBounds: Rect;
  windowSize: { width: number; height: number };
  workArea: Rect;
  displayBounds: Rect;
  platform: NodeJS.Platform;
}

/** Space between the popup and the taskbar / screen edge, as Windows 11 flyouts keep it. */
export const GAP = 12;

/** The edge the taskbar (or panel, or menu bar) sits on: where the work area gives way. */
export function taskbarEdge(workArea: Rect, displayBounds: Rect, trayBounds: Rect): Edge {
  if (workArea.y > displayBounds.y) return 'top';
  if (workArea.x > displayBounds.x) return 'left';
  if (workArea.x + workArea.width < displayBounds.x + displayBounds.width) return 'right';
  if (workArea.y + workArea.height < displayBounds.y + displayBounds.height) return 'bottom';
  // Auto-hidden taskbar: the work area is the whole display; the tray icon tells the edge.
  if (isEmpty(trayBounds)) return 'bottom';
  const cx = trayBounds.x + trayBounds.width / 2 - displayBounds.x;
  const cy = trayBounds.y + trayBounds.height / 2 - displayBounds.y;
  const distances: [Edge, number][] = [
    ['bottom', displayBounds.height - cy],
    ['top', cy],
    ['left', cx],
    ['right', displayBounds.width - cx],
  ];
  return distances.reduce((best, next) => (next[1] < best[1] ? next : best))[0];
}

export function popupPosition({ trayBounds, windowSize, workArea, displayBounds, platform }: PopupPlacement): {
  x: number;
  y: number;
} {
  const { width, height } = windowSize;
  const right = workArea.x + workArea.width;
  const bottom = workArea.y + workArea.height;
  const trayX = trayBounds.x + trayBounds.width / 2;
  const trayY = trayBounds.y + trayBounds.height / 2;
  let x: number;
  let y: number;

  if (platform === 'darwin' && !isEmpty(trayBounds)) {
    // Under the menu-bar icon, centred on it.
    x = trayX - width / 2;
    y = Math.max(trayBounds.y + trayBounds.height, workArea.y) + GAP / 2;
  } else {
    const edge = taskbarEdge(workArea, displayBounds, trayBounds);
    if (isEmpty(trayBounds)) {
      // Linux (and any tray that hides its bounds): the work-area corner by the panel, right side.
      x = edge === 'left' ? workArea.x + GAP : right - width - GAP;
      y = edge === 'top' ? workArea.y + GAP : bottom - height - GAP;
    } else if (edge === 'bottom' || edge === 'top') {
      x = trayX - width / 2;
      y = edge === 'bottom' ? bottom - height - GAP : workArea.y + GAP;
    } else {
      x = edge === 'left' ? workArea.x + GAP : right - width - GAP;
      y = trayY - height / 2;
    }
  }

  return {
    x: Math.round(clamp(x, workArea.x + GAP, right - width - GAP, workArea.x)),
    y: Math.round(clamp(y, workArea.y + GAP, bottom - height - GAP, workArea.y)),
  };
}

function isEmpty(r: Rect): boolean {
  return r.width <= 0 || r.height <= 0;
}

/** Keeps the popup inside [min, max]; a popup larger than the area starts at its edge. */
function clamp(value: number, min: number, max: number, edge: number): number {
  if (max < min) return edge;
  return Math.min(Math.max(value, min), max);
}

/**
 * The popup's size in DIPs. Electron already multiplies DIPs by the display's scale factor (150 %,
 * 200 %); what it does not follow is the page's zoom factor (the user's text size): the window
 * grows with it, so that the content keeps its 380 × 560 CSS px, as far as the work area allows.
 * Beyond that the content scrolls vertically and wraps (the stylesheet allows no sideways scroll).
 */
export function popupSize(base: { width: number; height: number }, zoomFactor: number, workArea: Rect): { width: number; height: number } {
  const zoom = Number.isFinite(zoomFactor) && zoomFactor > 0 ? zoomFactor : 1;
  return {
    width: Math.max(1, Math.min(Math.round(base.width * zoom), workArea.width - 2 * GAP)),
    height: Math.max(1, Math.min(Math.round(base.height * zoom), workArea.height - 2 * GAP)),
  };
}

/** A window in the middle of a work area (the consent window: where the eye already is), never off it. */
export function centredPosition(windowSize: { width: number; height: number }, workArea: Rect): { x: number; y: number } {
  const right = workArea.x + workArea.width;
  const bottom = workArea.y + workArea.height;
  return {
    x: Math.round(clamp(workArea.x + (workArea.width - windowSize.width) / 2, workArea.x + GAP, right - windowSize.width - GAP, workArea.x)),
    y: Math.round(clamp(workArea.y + (workArea.height - windowSize.height) / 2, workArea.y + GAP, bottom - windowSize.height - GAP, workArea.y)),
  };
}

/** A bar at the top centre of a work area (the session bar), never off it. */
export function topCentrePosition(windowSize: { width: number; height: number }, workArea: Rect): { x: number; y: number } {
  const { x } = centredPosition(windowSize, workArea);
  return { x, y: workArea.y + Math.min(GAP / 2, Math.max(0, workArea.height - windowSize.height)) };
}
