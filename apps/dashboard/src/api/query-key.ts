// Query keys derived from the procedure's path and its input, like tRPC's own React helpers:
// ["analytics", "summary", { input }]. A key's leading path is a prefix for invalidation
// (["sync"] matches every sync query).

export function buildQueryKey(path: readonly string[], input?: unknown): readonly unknown[] {
  return input === undefined ? [...path] : [...path, { input }];
}

const PATH = Symbol("procedure path");

type Recorder = { readonly [PATH]: string[] } & { readonly [key: string]: Recorder };

function record(path: string[]): Recorder {
  return new Proxy(Object.create(null) as Recorder, {
    get(_target, key) {
      if (key === PATH) return path;
      if (typeof key !== "string") return undefined;
      return record([...path, key]);
    },
  });
}

/**
 * The path a selector walks on the client (`(api) => api.analytics.summary` → ["analytics",
 * "summary"]), read by running it on a recorder instead of the real client.
 */
export function procedurePath<TClient>(select: (api: TClient) => unknown): string[] {
  const result = select(record([]) as unknown as TClient) as Recorder | undefined;
  const path = result?.[PATH];
  if (!Array.isArray(path) || path.length === 0) {
    throw new Error("A procedure selector must return a procedure, e.g. (api) => api.auth.whoami");
  }
  return [...path];
}
