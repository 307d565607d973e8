// Mail providers whose addressing rules let one mailbox be written several ways
// (after validator.js `normalizeEmail`).

export const gmailDomains: ReadonlySet<string> = new Set(["gmail.com", "googlemail.com"]);

// Yahoo's disposable addresses are `base-keyword@`; base names cannot contain a hyphen.
export const yahooDomains: ReadonlySet<string> = new Set([
  "yahoo.com",
  "yahoo.co.uk",
  "yahoo.ca",
  "yahoo.com.au",
  "yahoo.de",
  "yahoo.fr",
  "yahoo.es",
  "yahoo.it",
  "ymail.com",
  "rocketmail.com",
]);
