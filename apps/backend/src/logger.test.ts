import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

describe("createLogger", () => {
  it("redacts tokens, secrets and personal data wherever they sit in a log object", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination });
    logger.info(
      {
        token: "lsxs_pt_secret",
        customer: { email: "jane@example.com", phone: "+16155550101", name: "Jane" },
        req: { headers: { authorization: "Bearer abc", "x-signature": "deadbeef" } },
        databaseUrl: "postgresql://u:pw@h/db",
      },
      "webhook received",
    );
    const line = lines.join("");
    for (const secret of [
      "lsxs_pt_secret",
      "jane@example.com",
      "+16155550101",
      "Bearer abc",
      "deadbeef",
      "pw@h",
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({
      msg: "webhook received",
      customer: { name: "Jane", email: "[redacted]" },
    });
  });

  it("writes nothing below its level", () => {
    const { lines, destination } = capture();
    createLogger({ level: "warn", destination }).info("chatty");
    expect(lines).toEqual([]);
  });
});
