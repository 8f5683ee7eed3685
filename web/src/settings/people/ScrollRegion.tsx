// A wide table on a narrow screen: it scrolls sideways inside a labelled region that the keyboard can
// reach (so the part out of view can be scrolled to without a mouse).
import type { ReactNode } from 'react';

/** A horizontally scrolling, focusable, labelled region. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </div>
  );
}
