// The expo-server-sdk client, pointed at EXPO_PUSH_URL. The SDK reads its base URL once from the
// process environment (EXPO_BASE_URL, "only for internal Expo use") and offers no option for it,
// but it sends every request through the undici dispatcher it is given (`httpAgent`): ours sends
// the SDK's two endpoints (`…/push/send`, `…/push/getReceipts`) to EXPO_PUSH_URL and its sibling
// `getReceipts`, and bounds the wait for an answer.
import { Expo } from "expo-server-sdk";
import { Agent, type Dispatcher } from "undici";

export interface ExpoClientOptions {
  /** Expo's send endpoint: `https://exp.host/--/api/v2/push/send` or a stand-in. */
  url: string;
  accessToken?: string | undefined;
  timeoutMs?: number;
  /**
   * The SDK's own wait before retrying a 429 (it tries three times, doubling): 1 s unless set.
   * The outbox's backoff handles what is still failing after that.
   */
  retryMinTimeoutMs?: number;
}

export function createExpoClient(options: ExpoClientOptions): Expo {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const agent = new Agent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  return new Expo({
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
    httpAgent: agent.compose(redirectTo(options.url)),
    ...(options.retryMinTimeoutMs === undefined
      ? {}
      : { retryMinTimeout: options.retryMinTimeoutMs }),
  });
}

function redirectTo(sendUrl: string): Dispatcher.DispatcherComposeInterceptor {
  const send = new URL(sendUrl);
  const receipts = new URL("getReceipts", send);
  return (dispatch) => (request, handler) => {
    const target = request.path.endsWith("/push/getReceipts") ? receipts : send;
    return dispatch(
      { ...request, origin: target.origin, path: `${target.pathname}${target.search}` },
      handler,
    );
  };
}
