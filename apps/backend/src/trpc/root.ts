import { authRouter } from "./routers/auth";
import { systemRouter } from "./routers/system";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  system: systemRouter,
});

/** The API's type, imported (types only) by the GreenLoop app and the dashboard. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
