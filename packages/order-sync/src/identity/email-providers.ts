// Mail providers whose addressing rules let one mailbox be written several ways
// (after validator.js `normalizeEmail`).

export const gmailDomains: ReadonlySet<string> = new Set(["gmail.com", "googlemail.com"]);

// Microsoft's consumer domains: they deliver `name+tag@` to `name@`.
export const outlookDomains: ReadonlySet<string> = new Set([
  "outlook.com",
  "outlook.co.uk",
  "outlook.fr",
  "outlook.de",
  "outlook.es",
  "outlook.it",
  "hotmail.com",
  "hotmail.co.uk",
  "hotmail.ca",
  "hotmail.fr",
  "hotmail.de",
  "hotmail.es",
  "hotmail.it",
  "live.com",
  "live.ca",
  "live.co.uk",
  "live.fr",
  "msn.com",
  "passport.com",
  "windowslive.com",
]);

export const icloudDomains: ReadonlySet<string> = new Set(["icloud.com", "me.com", "mac.com"]);

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
