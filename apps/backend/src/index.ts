// What other apps may import from the backend: types only.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./trpc/root";

export type { AppRouter };
/** Every procedure's input, e.g. `RouterInputs["customers"]["list"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Every procedure's output as the client receives it (superjson: Dates and Decimals intact). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
