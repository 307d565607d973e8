// What other apps may import from the backend: types only.
export type { AppRouter } from "./trpc/root";
