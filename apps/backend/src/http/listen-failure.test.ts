import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { listenFailure } from "./listen-failure";

const errno = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe("listenFailure", () => {
  it("says a privileged port needs privileges and suggests one that does not", () => {
    const failure = listenFailure(errno("EACCES"), { host: "0.0.0.0", port: 80 });
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({
      code: "CONFIG",
      message:
        "Cannot listen on 0.0.0.0:80: permission denied (ports below 1024 need privileges). Choose another port, e.g. `PORT=3000`.",
    });
  });

  it("brackets an IPv6 host and says when it is not this machine's", () => {
    expect(listenFailure(errno("EADDRNOTAVAIL"), { host: "::2", port: 3000 })).toMatchObject({
      code: "CONFIG",
      message: expect.stringMatching(/^Cannot listen on \[::2\]:3000: ::2 is not an address/),
    });
  });

  it("leaves any other error as it is (a bug stays a bug)", () => {
    const other = errno("EMFILE");
    expect(listenFailure(other, { host: "127.0.0.1", port: 3000 })).toBe(other);
  });
});
