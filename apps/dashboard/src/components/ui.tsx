// Small building blocks: sections, stat cards, badges, tables' load-more, inline confirmations.
import { type ReactNode, useState } from "react";
import { ErrorNote } from "./status-views";

export function Section({
  title,
  actions,
  children,
  testId,
  wide = false,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <section className={wide ? "card wide" : "card"} data-testid={testId}>
      <header className="card-header">
        <h2>{title}</h2>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

export function Stat({
  label,
  value,
  hint,
  testId,
  tone,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
  tone?: "good" | "warn" | "bad";
}) {
  return (
    <div className={tone ? `stat stat-${tone}` : "stat"}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      {hint ? <div className="stat-hint">{hint}</div> : null}
    </div>
  );
}

export type BadgeTone = "neutral" | "good" | "warn" | "bad" | "info" | "accent";

export function Badge({
  tone = "neutral",
  children,
  testId,
  title,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  testId?: string;
  title?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId} title={title}>
      {children}
    </span>
  );
}

export function LoadMore({
  hasMore,
  loading,
  onClick,
  testId = "load-more",
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
  testId?: string;
}) {
  if (!hasMore) return null;
  return (
    <div className="load-more">
      <button type="button" onClick={onClick} disabled={loading} data-testid={testId}>
        {loading ? "Loading…" : "Load more"}
      </button>
    </div>
  );
}

/**
 * A button that asks before it acts: the first click shows what will happen and a confirm
 * button; the action's error, if any, shows beside it.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel = "Confirm",
  onConfirm,
  pending = false,
  error,
  disabled = false,
  danger = false,
  testId,
}: {
  label: string;
  question: ReactNode;
  confirmLabel?: string;
  onConfirm: () => void;
  pending?: boolean;
  error?: unknown;
  disabled?: boolean;
  danger?: boolean;
  testId: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <span className="confirm">
        <button
          type="button"
          className={danger ? "danger" : undefined}
          disabled={disabled || pending}
          onClick={() => setAsking(true)}
          data-testid={testId}
        >
          {pending ? "Working…" : label}
        </button>
        {error ? <ErrorNote error={error} /> : null}
      </span>
    );
  }
  return (
    <span className="confirm confirm-asking" data-testid={`${testId}-confirm-box`}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className={danger ? "danger" : "primary"}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        data-testid={`${testId}-confirm`}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)} data-testid={`${testId}-cancel`}>
        Cancel
      </button>
    </span>
  );
}
