// Phone numbers that are possible by length but are what cashiers type to get past a required
// field. They would merge every customer who "gave" them into one profile.

const minimumNationalDigits = 7;

// Any run of consecutive digits, including a wrap from 9 to 0 (`1234567890`).
const ascendingDigits = "01234567890123456789";
const descendingDigits = "98765432109876543210";

/** Why a national number is a placeholder, or null when it looks like a real number. */
export function placeholderPhoneReason(nationalNumber: string): string | null {
  if (/^0+$/u.test(nationalNumber)) return "all-zero phone";
  if (/^(\d)\1*$/u.test(nationalNumber)) return "repeated-digit phone";
  if (nationalNumber.length < minimumNationalDigits) return "too-short phone";
  if (ascendingDigits.includes(nationalNumber) || descendingDigits.includes(nationalNumber)) {
    return "sequential test phone";
  }
  return null;
}
