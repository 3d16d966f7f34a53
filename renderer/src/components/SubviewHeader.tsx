import { useEffect, useRef } from 'react';
import { Glyph } from './Icons';

/** The top of a view opened from the main one: a back button and the title, which takes focus. */
export function SubviewHeader({ title, backLabel, onBack }: { title: string; backLabel: string; onBack: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="admin-top">
      <button type="button" className="button subtle icon-only" onClick={onBack} aria-label={backLabel}>
        <Glyph name="back" />
      </button>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
    </div>
  );
}
