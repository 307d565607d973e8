// Whether a failure may go away on its own (the store was down, slow or rate-limiting) or needs
// someone to change something first (a refused token, a bad request, a bug).
import { Badge } from "../../components/ui";

export function RetryableBadge({ retryable, testId }: { retryable: boolean; testId: string }) {
  return (
    <span data-testid={testId} data-retryable={String(retryable)}>
      {retryable ? (
        <Badge tone="warn" title="Temporary: the next run may succeed on its own.">
          retryable
        </Badge>
      ) : (
        <Badge tone="bad" title="Retrying will fail the same way until the cause is fixed.">
          not retryable
        </Badge>
      )}
    </span>
  );
}
