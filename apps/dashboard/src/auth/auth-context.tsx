// Who is signed in: the pasted staff token (sessionStorage), checked with `auth.whoami`, and how
// a session ends (sign-out, or a 401 anywhere, which brings back the sign-in screen with a note).
import type { RouterOutputs } from "@greenloop/app-client";
import { createContext, type ReactNode, useContext } from "react";

export type Whoami = RouterOutputs["auth"]["whoami"];
export type StaffIdentity = Extract<Whoami, { kind: "staff" }>;

export interface AuthState {
  staff: StaffIdentity;
  isOperator: boolean;
  signOut: (notice?: string) => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ value, children }: { value: AuthState; children: ReactNode }) {
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth needs a signed-in AuthProvider above it.");
  return auth;
}

/** What sign-in says about a token `auth.whoami` accepted: only staff tokens open the dashboard. */
export function staffOf(whoami: Whoami): StaffIdentity | { refused: string } {
  if (whoami.kind === "staff") return whoami;
  return {
    refused:
      "That is a customer's session token (from the app's emailed code), not a staff API token.",
  };
}
