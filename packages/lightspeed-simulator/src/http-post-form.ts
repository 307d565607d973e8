// One form POST over node:http(s) without a keep-alive agent: webhook deliveries must not leave
// pooled sockets behind that keep the process (or a test run) alive.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface PostFormResult {
  status: number;
}

export function postForm(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostFormResult> {
  const target = new URL(url);
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: "POST",
        agent: false,
        headers: {
          ...headers,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(Buffer.byteLength(body)),
          connection: "close",
        },
      },
      (res) => {
        // Drain the body: the status is all a webhook sender cares about.
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", reject);
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy(new Error(`no response within ${timeoutMs} ms`));
    });
    req.on("error", reject);
    req.end(body);
  });
}
