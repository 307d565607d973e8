// A rejected row's message as it may be shown: the parser quotes only values that are not personal
// data (dates, amounts, statuses), but a column shifted by a stray delimiter can put an email or a
// phone number where an amount belongs, and the message would quote it. So emails are masked
// wherever they appear, and quoted values that look like phone numbers are too.

const email = /[^\s"'<>(),;:]+@[^\s"'<>(),;:]+\.[^\s"'<>(),;:]+/g;
const quoted = /"([^"]*)"/g;
const phoneShape = /^\+?[\d\s().\-/]+$/;
const isoDate = /^\d{4}-\d{1,2}-\d{1,2}/;
const plainNumber = /^-?\d+([.,]\d+)?$/;

export function redactIssueMessage(message: string): string {
  return message
    .replace(email, "[email]")
    .replace(quoted, (whole, value: string) => (looksLikePhone(value) ? '"[phone]"' : whole));
}

function looksLikePhone(value: string): boolean {
  const text = value.trim();
  if (!phoneShape.test(text) || isoDate.test(text) || plainNumber.test(text)) return false;
  const digits = text.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15;
}
