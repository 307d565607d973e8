// Sign-in: paste a staff API token (viewer or operator); `auth.whoami` says whose it is.
import { type FormEvent, useState } from "react";
import { createBrowserApiClient } from "../api/api-context";
import { errorMessage, isUnauthorized } from "../api/api-error";
import { type StaffIdentity, staffOf } from "./auth-context";

export function SignInPage({
  notice,
  onSignedIn,
}: {
  notice: string | undefined;
  onSignedIn: (token: string, staff: StaffIdentity) => void;
}) {
  const [token, setToken] = useState("");
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = token.trim();
    if (!candidate) {
      setProblem("Paste a staff API token first.");
      return;
    }
    setPending(true);
    setProblem(undefined);
    try {
      // A client of its own, so a refused token never touches the signed-in session's state.
      const whoami = await createBrowserApiClient(() => candidate).auth.whoami.query();
      const staff = staffOf(whoami);
      if ("refused" in staff) setProblem(staff.refused);
      else onSignedIn(candidate, staff);
    } catch (error) {
      setProblem(
        isUnauthorized(error)
          ? "The server does not know this token. Check it against API_TOKENS (name:role:token)."
          : errorMessage(error),
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} data-testid="sign-in-form">
        <h1>GreenLoop dashboard</h1>
        <p className="muted">
          Sign in with a staff API token (viewer or operator). It is kept in this tab only.
        </p>
        {notice ? (
          <p className="notice" role="status" data-testid="sign-in-notice">
            {notice}
          </p>
        ) : null}
        <label htmlFor="token">API token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          data-testid="sign-in-token"
        />
        {problem ? (
          <p className="error-note" role="alert" data-testid="sign-in-error">
            {problem}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={pending} data-testid="sign-in-submit">
          {pending ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
