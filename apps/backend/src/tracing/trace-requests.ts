// A server span per HTTP request (installed only when tracing is on), continuing the caller's
// trace when it sends a `traceparent`. Named by the route pattern, never the path: a webhook's
// path carries WEBHOOK_PATH_SECRET, and paths carry ids.
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from "@opentelemetry/api";
import type { MiddlewareHandler } from "hono";

const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

export function traceRequests(): MiddlewareHandler {
  const tracer = trace.getTracer("greenloop-backend");
  return async (c, next) => {
    const method = c.req.method;
    const parent = propagation.extract(context.active(), c.req.raw.headers, headerGetter);
    const span = tracer.startSpan(
      method,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": method } },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      // After `next`, the route that answered (the app's own 404 included).
      const route = c.req.routePath;
      span.updateName(`${method} ${route}`);
      span.setAttribute("http.route", route);
      span.setAttribute("http.response.status_code", c.res.status);
      if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
