import { z } from "zod";
import { revokeCustomerSession } from "../../auth/customer-sessions";
import { requestLoginCode, verifyLoginCode } from "../../auth/login-codes";
import { createTRPCRouter, customerProcedure, publicProcedure, signedInProcedure } from "../trpc";

const emailInput = z.string().trim().min(3).max(320);

export const authRouter = createTRPCRouter({
  /** Mails a one-time code. Answers the same whether or not the email belongs to a customer. */
  requestCode: publicProcedure
    .input(z.object({ email: emailInput }))
    .output(z.object({ sent: z.literal(true), expiresAt: z.date() }))
    .mutation(async ({ ctx, input }) => {
      const { expiresAt } = await requestLoginCode(ctx.db, ctx.mail, {
        email: input.email,
        now: ctx.now(),
        settings: ctx.config.api,
      });
      return { sent: true as const, expiresAt };
    }),

  /** Exchanges the emailed code for a session token (send it as `Authorization: Bearer …`). */
  verifyCode: publicProcedure
    .input(
      z.object({
        email: emailInput,
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, "six digits"),
      }),
    )
    .output(z.object({ token: z.string(), expiresAt: z.date(), email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const session = await verifyLoginCode(ctx.db, {
        email: input.email,
        code: input.code,
        now: ctx.now(),
        settings: ctx.config.api,
      });
      ctx.logger.info({ sessionId: session.sessionId }, "customer signed in");
      return { token: session.token, expiresAt: session.expiresAt, email: session.email };
    }),

  signOut: customerProcedure
    .output(z.object({ signedOut: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      await revokeCustomerSession(ctx.db, ctx.customer.sessionId, ctx.now());
      return { signedOut: true as const };
    }),

  /** Who the token belongs to: a staff token's name and role, or the session's email. */
  whoami: signedInProcedure
    .output(
      z.discriminatedUnion("kind", [
        z.object({
          kind: z.literal("staff"),
          name: z.string(),
          role: z.enum(["viewer", "operator"]),
        }),
        z.object({ kind: z.literal("customer"), email: z.string() }),
      ]),
    )
    .query(({ ctx }) =>
      ctx.caller.kind === "staff"
        ? { kind: "staff" as const, name: ctx.caller.name, role: ctx.caller.role }
        : { kind: "customer" as const, email: ctx.caller.email },
    ),
});
