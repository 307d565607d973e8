// The staff API token lives in sessionStorage: gone when the tab closes, never in localStorage.
// A copy in memory keeps the tab working where storage is refused (some private modes).

const KEY = "greenloop.dashboard.token";
let current: string | undefined;

export function readSessionToken(): string | undefined {
  if (current !== undefined) return current;
  try {
    current = window.sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    // Storage refused: nothing was kept.
  }
  return current;
}

export function writeSessionToken(token: string | undefined): void {
  current = token;
  try {
    if (token) window.sessionStorage.setItem(KEY, token);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused: the token then lasts as long as the page.
  }
}
