// A server that cannot listen is an operator's everyday mistake (the port taken by an earlier
// `pnpm demo`, a port below 1024), not a bug: one line saying which address and what to do.
import { DomainError } from "@greenloop/order-sync/errors";

export interface ListenAddress {
  host: string;
  port: number;
}

/** How to run again on another port, e.g. `(port) => \`PORT=${port} pnpm demo\``. */
export type OtherPortExample = (port: number) => string;

/** The default: the setting, not a command (the server does not know which command started it). */
export const portSettingExample: OtherPortExample = (port) => `PORT=${port}`;

/** `error` from a server's 'error' event as a DomainError when it is a listen failure; else as is. */
export function listenFailure(
  error: unknown,
  address: ListenAddress,
  example: OtherPortExample = portSettingExample,
): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`;
  const details = { host: address.host, port: address.port, code };
  if (code === "EADDRINUSE") {
    return new DomainError(
      "CONFLICT",
      `Cannot listen on ${where}: the port is already in use (another \`pnpm serve\` or \`pnpm demo\`?). ` +
        `Stop that process or choose another port, e.g. \`${example(address.port + 1)}\`.`,
      { cause: error, details },
    );
  }
  if (code === "EACCES") {
    return new DomainError(
      "CONFIG",
      `Cannot listen on ${where}: permission denied (ports below 1024 need privileges). ` +
        `Choose another port, e.g. \`${example(address.port < 1024 ? 3000 : address.port + 1)}\`.`,
      { cause: error, details },
    );
  }
  if (code === "EADDRNOTAVAIL") {
    return new DomainError(
      "CONFIG",
      `Cannot listen on ${where}: ${address.host} is not an address of this machine (check HOST, or --host).`,
      { cause: error, details },
    );
  }
  return error;
}
