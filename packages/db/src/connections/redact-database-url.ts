// Connection strings carry passwords: only this form of them may reach logs and errors.

export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    for (const key of [...url.searchParams.keys()]) {
      if (/pass|secret|token|key/i.test(key)) url.searchParams.set(key, "***");
    }
    return url.toString();
  } catch {
    return "<unparseable DATABASE_URL>";
  }
}
