import { startSimulator } from "@greenloop/lightspeed-simulator";
import { DomainError } from "@greenloop/order-sync/errors";
import { listenFailure } from "../../http/listen-failure";
import type { CliCommand } from "../command";
import { commandHelp } from "../command-help";
import { waitForShutdown } from "../wait-for-shutdown";
import { wholeNumberOption } from "../whole-number-option";

export const simulateCommand: CliCommand = {
  ...commandHelp.simulate,
  defaultLogLevel: "info",
  options: {
    port: { type: "string" },
    host: { type: "string" },
    seed: { type: "string" },
    clock: { type: "string" },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
  },
  async run({ values, logger, say, announce, shutdown }) {
    const port = wholeNumberOption(values.port, "--port", 0);
    const seed = wholeNumberOption(values.seed, "--seed", 1);
    const clock = values.clock ?? "real";
    if (clock !== "real" && clock !== "manual") {
      throw new DomainError("BAD_INPUT", `--clock must be "real" or "manual" (got "${clock}").`);
    }
    const webhookUrl =
      typeof values["webhook-url"] === "string" ? values["webhook-url"] : undefined;
    const webhookSecret =
      typeof values["webhook-secret"] === "string" ? values["webhook-secret"] : undefined;
    const host = typeof values.host === "string" ? values.host : "127.0.0.1";
    const simulator = await startSimulator({
      port,
      seed,
      clock,
      host,
      ...(webhookUrl ? { webhook: { url: webhookUrl, clientSecret: webhookSecret } } : {}),
    }).catch((error: unknown) => {
      throw listenFailure(error, { host, port }, (other) => `pnpm cli simulate --port ${other}`);
    });
    try {
      const { baseUrl, token, domainPrefix } = simulator;
      logger.info(
        { baseUrl, domainPrefix, seed, clock, webhooks: Boolean(webhookUrl) },
        "simulator listening",
      );
      announce({ baseUrl, token, domainPrefix });
      say(
        `Lightspeed X-Series simulator on ${baseUrl} (domain prefix "${domainPrefix}", seed ${seed}, ${clock} clock).\n` +
          `API token (simulator only): ${token}\nCtrl-C stops it.`,
      );
      const signal = await waitForShutdown(shutdown);
      return {
        summary: `Stopped (${signal}).`,
        json: { baseUrl, token, domainPrefix, stoppedBy: signal },
      };
    } finally {
      await simulator.close();
    }
  },
};
