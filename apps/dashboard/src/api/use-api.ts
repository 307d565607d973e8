// TanStack Query over the vanilla typed client: the selector names the procedure once
// (`(api) => api.analytics.summary`), which gives both the call and the query key, and the
// procedure's own types flow through (no hand-written API types anywhere).
import type { ApiClient } from "@greenloop/app-client";
import {
  type InfiniteData,
  type UseInfiniteQueryOptions,
  type UseMutationOptions,
  type UseQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useApiClient } from "./api-context";
import { nextCursorOf } from "./merge-cursor-pages";
import { buildQueryKey, procedurePath } from "./query-key";

// biome-ignore lint/suspicious/noExplicitAny: matches tRPC's resolver options, never read here
type CallOptions = any;

export interface QueryProcedure<TInput, TOutput> {
  query: (input: TInput, opts?: CallOptions) => Promise<TOutput>;
}

export interface MutationProcedure<TInput, TOutput> {
  mutate: (input: TInput, opts?: CallOptions) => Promise<TOutput>;
}

type QueryOptions<TOutput> = Omit<UseQueryOptions<TOutput, Error>, "queryKey" | "queryFn">;

/** `useApiQuery((api) => api.sync.status, undefined, { refetchInterval: 30_000 })`. */
export function useApiQuery<TInput, TOutput>(
  select: (api: ApiClient) => QueryProcedure<TInput, TOutput>,
  input: NoInfer<TInput>,
  options: QueryOptions<TOutput> = {},
) {
  const client = useApiClient();
  const path = procedurePath(select);
  return useQuery<TOutput, Error>({
    ...options,
    queryKey: buildQueryKey(path, input),
    queryFn: ({ signal }) => select(client).query(input, { signal }),
  });
}

type Paged = { nextCursor: string | null };

/** A procedure's input object, without the "no input" alternative an all-optional input has. */
// biome-ignore lint/suspicious/noConfusingVoidType: tRPC types "no input" as void; this removes it
export type ObjectInput<TInput> = Exclude<TInput, void | undefined>;

type InfiniteOptions<TOutput> = Omit<
  UseInfiniteQueryOptions<
    TOutput,
    Error,
    InfiniteData<TOutput, string | undefined>,
    readonly unknown[],
    string | undefined
  >,
  "queryKey" | "queryFn" | "initialPageParam" | "getNextPageParam"
>;

/** Keyset pages ("Load more"): the procedure takes `cursor` and answers `nextCursor`. */
export function useApiInfiniteQuery<TInput, TOutput extends Paged>(
  select: (api: ApiClient) => QueryProcedure<TInput, TOutput>,
  input: NoInfer<Omit<ObjectInput<TInput>, "cursor">>,
  options: InfiniteOptions<TOutput> = {},
) {
  const client = useApiClient();
  const path = procedurePath(select);
  return useInfiniteQuery({
    ...options,
    queryKey: [...buildQueryKey(path, input), "infinite"],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      select(client).query({ ...input, cursor: pageParam } as TInput, { signal }),
    getNextPageParam: nextCursorOf,
  });
}

type MutationOptions<TInput, TOutput> = Omit<
  UseMutationOptions<TOutput, Error, TInput>,
  "mutationFn" | "mutationKey"
> & {
  /** Query key prefixes to refetch after success (`[["sync"]]` refetches every sync query). */
  invalidates?: readonly (readonly string[])[];
};

export function useApiMutation<TInput, TOutput>(
  select: (api: ApiClient) => MutationProcedure<TInput, TOutput>,
  { invalidates = [], onSuccess, ...options }: MutationOptions<TInput, TOutput> = {},
) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const path = procedurePath(select);
  return useMutation<TOutput, Error, TInput>({
    ...options,
    mutationKey: path,
    mutationFn: (input) => select(client).mutate(input),
    onSuccess: async (...args) => {
      await Promise.all(
        invalidates.map((prefix) => queryClient.invalidateQueries({ queryKey: [...prefix] })),
      );
      await onSuccess?.(...args);
    },
  });
}
