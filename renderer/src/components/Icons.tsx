import type { Overall, Severity } from '../../../electron/contract';

// Fluent-like 16/20 px glyphs. Each state has its own shape (circle, triangle, octagon, dashed
// circle, cloud), so the state reads without colour too. Always decorative: text says the state.

type Kind = Severity | Overall;

export function StateIcon({ kind, size = 20 }: { kind: Kind; size?: number }) {
  return (
    <svg className={`icon icon-${kind}`} width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {kind === 'ok' && (
        <>
          <circle cx="10" cy="10" r="9" className="icon-fill" />
          <path d="M6 10.2l2.7 2.7L14.2 7.4" className="icon-glyph" />
        </>
      )}
      {kind === 'attention' && (
        <>
          <path d="M10 1.8L19 17.6H1z" className="icon-fill" strokeLinejoin="round" />
          <path d="M10 7.2v4.6M10 14.3v.1" className="icon-glyph" />
        </>
      )}
      {kind === 'problem' && (
        <>
          <path d="M6.3 1h7.4L19 6.3v7.4L13.7 19H6.3L1 13.7V6.3z" className="icon-fill" />
          <path d="M7 7l6 6M13 7l-6 6" className="icon-glyph" />
        </>
      )}
      {kind === 'unknown' && (
        <>
          <circle cx="10" cy="10" r="8.2" className="icon-ring" />
          <path d="M7.8 7.6a2.3 2.3 0 1 1 3.2 2.1c-.6.3-1 .8-1 1.5v.4M10 14.2v.1" className="icon-glyph icon-glyph-dark" />
        </>
      )}
      {kind === 'offline' && (
        <>
          <path d="M5.5 15.5h9a3.5 3.5 0 0 0 .4-7A5 5 0 0 0 5.3 8a3.8 3.8 0 0 0 .2 7.5z" className="icon-ring" />
          <path d="M3 3l14 14" className="icon-glyph icon-glyph-dark" />
        </>
      )}
    </svg>
  );
}

export function Chevron() {
  return (
    <svg className="chevron" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <path d="M4 2.5L7.5 6 4 9.5" />
    </svg>
  );
}

const PATHS = {
  refresh: 'M15.5 6.5A6 6 0 1 0 16 10M15.8 2.8v3.9h-3.9',
  phone: 'M6.2 2.5l1.6 3.4-1.5 1.3a9 9 0 0 0 4.5 4.5l1.3-1.5 3.4 1.6-.6 2.6c-.1.4-.5.6-.9.6A12 12 0 0 1 2.9 3.9c0-.4.2-.8.6-.9z',
  mail: 'M2.5 4.5h15v11h-15zM2.5 5l7.5 6 7.5-6',
  admin: 'M10 2.5l6 2.3v4.4c0 3.8-2.5 6.6-6 8.3-3.5-1.7-6-4.5-6-8.3V4.8z',
  back: 'M12.5 4L6.5 10l6 6',
  portal: 'M8 4H4v12h12v-4M11 3h6v6M17 3l-8 8',
  report: 'M3.5 4.5h13v9h-7l-4 3v-3h-2zM10 7v3M10 12v.1',
} as const;

export function Glyph({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="glyph" width="16" height="16" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
