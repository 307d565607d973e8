// An operator's free-text reason for a correction: sent trimmed, and only when there is one.

export function optionalReason(text: string): { reason?: string } {
  const reason = text.trim();
  return reason ? { reason } : {};
}
