import { analyticsRouter } from "./routers/analytics";
import { authRouter } from "./routers/auth";
import { customersRouter } from "./routers/customers";
import { importsRouter } from "./routers/imports";
import { meRouter } from "./routers/me";
import { notificationsRouter } from "./routers/notifications";
import { privacyRouter } from "./routers/privacy";
import { segmentPushRouter } from "./routers/segment-push";
import { syncRouter } from "./routers/sync";
import { systemRouter } from "./routers/system";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  analytics: analyticsRouter,
  auth: authRouter,
  customers: customersRouter,
  imports: importsRouter,
  me: meRouter,
  notifications: notificationsRouter,
  privacy: privacyRouter,
  segmentPush: segmentPushRouter,
  sync: syncRouter,
  system: systemRouter,
});

/** The API's type, imported (types only) by the GreenLoop app and the dashboard. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
