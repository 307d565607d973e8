// OpenTelemetry tracing when OTEL_TRACING=true: the Node SDK, imported only then, so that with
// tracing off (the default) none of it is loaded. The SDK reads the standard OTEL_* variables
// itself: OTEL_TRACES_EXPORTER (default `otlp`: OTLP over http/protobuf to
// OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318), OTEL_SERVICE_NAME (ours:
// greenloop-backend), OTEL_TRACES_SAMPLER… Traces only: metrics are Prometheus's (/metrics) and
// logs pino's, so the SDK's own metric and log exporters are not started.
import { context, propagation, trace } from "@opentelemetry/api";
import type { tracing as sdkTracing } from "@opentelemetry/sdk-node";
import type { Logger } from "../logger";

export interface RunningTracing {
  /** Exports what is buffered, then leaves the OpenTelemetry API a no-op again. */
  shutdown(): Promise<void>;
}

const off: RunningTracing = { shutdown: async () => {} };

export async function startTracing(options: {
  enabled: boolean;
  logger: Pick<Logger, "info">;
  /** Instead of the exporter the OTEL_* variables choose (tests: an in-memory one). */
  spanProcessors?: sdkTracing.SpanProcessor[];
}): Promise<RunningTracing> {
  if (!options.enabled) return off;
  const { NodeSDK, resources } = await import("@opentelemetry/sdk-node");
  const sdk = new NodeSDK({
    // A default name; OTEL_SERVICE_NAME (read by the SDK's resource detection) wins over it.
    resource: resources
      .defaultResource()
      .merge(resources.resourceFromAttributes({ "service.name": "greenloop-backend" })),
    metricReaders: [],
    logRecordProcessors: [],
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
  });
  sdk.start();
  options.logger.info("OpenTelemetry tracing on (exporter per the OTEL_* settings)");
  return {
    async shutdown() {
      await sdk.shutdown();
      // The SDK leaves its providers registered globally: a later start (another test, another
      // backend in this process) must be able to register its own.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
