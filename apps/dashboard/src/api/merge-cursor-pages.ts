// "Load more" over keyset pages: the pages in order, one row per id (a row that moved between
// pages while the user read them shows once, where it was first seen).

export function mergeCursorPages<TItem, TPage>(
  pages: readonly TPage[],
  itemsOf: (page: TPage) => readonly TItem[],
  idOf: (item: TItem) => string,
): TItem[] {
  const seen = new Set<string>();
  const merged: TItem[] = [];
  for (const page of pages) {
    for (const item of itemsOf(page)) {
      const id = idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      merged.push(item);
    }
  }
  return merged;
}

/** The next page's cursor for TanStack Query: undefined ends the list. */
export function nextCursorOf(page: { nextCursor: string | null }): string | undefined {
  return page.nextCursor ?? undefined;
}
