// Identifiers as they may appear in logs: enough to tell records apart, never the full value.
import type { Identifier } from "./identifier-kind";
import { callingCodeOf, nationalNumberOf } from "./normalize-phone";

const visiblePhoneDigits = 2;

/** `j***@g***.com`, `+1********01`; Lightspeed customer ids are not personal data and stay whole. */
export function maskIdentifier(id: Identifier): string {
  switch (id.kind) {
    case "EMAIL":
    case "EMAIL_LOOSE":
      return maskEmail(id.value);
    case "PHONE":
      return maskPhone(id.value);
    case "RETAIL_CUSTOMER_ID":
      return id.value;
  }
}

function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0) return "***";
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const topLevel = dot < 0 ? "" : domain.slice(dot);
  return `${firstCharacter(email.slice(0, at))}***@${firstCharacter(domain)}***${topLevel}`;
}

// The country calling code says nothing about the person; the national number keeps its last
// two digits and its length, which is enough to tell numbers apart in a log.
function maskPhone(phone: string): string {
  const callingCode = callingCodeOf(phone);
  const national = nationalNumberOf(phone);
  if (callingCode === null || national === null) return "***";
  const shown = national.length > visiblePhoneDigits * 2 ? visiblePhoneDigits : 0;
  const hidden = "*".repeat(national.length - shown);
  return `+${callingCode}${hidden}${national.slice(national.length - shown)}`;
}

// By code point, so an address starting with an astral character is not cut in half.
function firstCharacter(value: string): string {
  return Array.from(value)[0] ?? "";
}
