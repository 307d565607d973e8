// A keyset-paged list's states: loading, error, empty, its rows, then "Load more" while there
// are further pages. Its test ids share the list's name: `<testId>-empty`, `<testId>-load-more`.
import type { ReactNode } from "react";
import { type QueryLike, QueryView } from "./status-views";
import { LoadMore } from "./ui";

interface PagedQueryLike<TPage> extends QueryLike<{ pages: TPage[] }> {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

export function PagedView<TPage>({
  query,
  testId,
  isEmpty,
  empty,
  loadingLabel,
  children,
}: {
  query: PagedQueryLike<TPage>;
  testId: string;
  /** Given the first page, which carries a list's totals. */
  isEmpty?: (first: TPage) => boolean;
  empty?: ReactNode;
  loadingLabel?: string;
  /** Given the first page; the rows themselves are the caller's merged pages. */
  children: (first: TPage) => ReactNode;
}) {
  return (
    <>
      <QueryView
        query={query}
        // A loaded list always has its first page.
        isEmpty={isEmpty && (({ pages: [first] }) => first !== undefined && isEmpty(first))}
        empty={empty}
        emptyTestId={`${testId}-empty`}
        loadingLabel={loadingLabel}
      >
        {({ pages: [first] }) => (first === undefined ? null : children(first))}
      </QueryView>
      <LoadMore
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        testId={`${testId}-load-more`}
      />
    </>
  );
}
