// One horizontal 100% bar split into parts (retail vs eCom), with a legend that carries numbers.
import type { ReactNode } from "react";

export interface SharePart {
  key: string;
  label: string;
  share: number | null;
  color: string;
  detail?: ReactNode;
}

export function ShareBar({
  parts,
  testId,
  label,
}: {
  parts: readonly SharePart[];
  testId: string;
  label: string;
}) {
  return (
    <div className="share-bar-block" data-testid={testId}>
      <div className="share-bar" role="img" aria-label={label}>
        {parts.map((part) =>
          part.share && part.share > 0 ? (
            <span
              key={part.key}
              className="share-bar-part"
              style={{ width: `${Math.min(100, part.share * 100)}%`, background: part.color }}
              title={`${part.label}: ${(part.share * 100).toFixed(1)}%`}
            />
          ) : null,
        )}
      </div>
      <div className="legend">
        {parts.map((part) => (
          <span key={part.key} className="legend-item" data-testid={`${testId}-${part.key}`}>
            <span className="legend-swatch" style={{ background: part.color }} />
            {part.label}
            {part.detail ? <span className="legend-detail">{part.detail}</span> : null}
          </span>
        ))}
      </div>
    </div>
  );
}

/** A thin inline bar for table cells: `share` of the cell's width. */
export function InlineBar({
  share,
  color = "var(--chart-1)",
}: {
  share: number | null;
  color?: string;
}) {
  const width = share && Number.isFinite(share) ? Math.min(100, Math.max(0, share * 100)) : 0;
  return (
    <span className="inline-bar" aria-hidden="true">
      <span style={{ width: `${width}%`, background: color }} />
    </span>
  );
}
