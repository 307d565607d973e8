// Fake identities. Names are common given/family names in random combinations; emails use the
// reserved example.* domains, phones the 555-01xx fiction range, IPs the documentation ranges.
// Nothing here is (or may be replaced with) real personal data.
import type { EcomAddress } from "./resource-types";
import type { SeededRandom } from "./seeded-random";

const firstNamesF = [
  "Avery",
  "Brooke",
  "Carmen",
  "Dana",
  "Elena",
  "Fiona",
  "Grace",
  "Hazel",
  "Iris",
  "Jade",
  "Kara",
  "Lena",
  "Maya",
  "Nina",
  "Olive",
  "Paige",
  "Quinn",
  "Rosa",
  "Sage",
  "Tessa",
];
const firstNamesM = [
  "Aaron",
  "Blake",
  "Caleb",
  "Dylan",
  "Evan",
  "Felix",
  "Gavin",
  "Hugo",
  "Ivan",
  "Jonah",
  "Kyle",
  "Liam",
  "Marco",
  "Nate",
  "Owen",
  "Peter",
  "Reid",
  "Simon",
  "Troy",
  "Wade",
];
const lastNames = [
  "Abbott",
  "Barker",
  "Calloway",
  "Dorsey",
  "Ellison",
  "Fairbanks",
  "Garner",
  "Holloway",
  "Ingram",
  "Jennings",
  "Kessler",
  "Lowell",
  "Mercer",
  "Nolan",
  "Osborne",
  "Pruitt",
  "Quimby",
  "Rowland",
  "Sutter",
  "Tillman",
  "Underwood",
  "Vance",
  "Whitaker",
  "Yates",
  "Zeller",
];
const emailDomains = ["example.com", "example.net", "example.org"];
const streets = ["Maple Ave", "Cedar St", "Oak Ridge Rd", "Willow Ln", "Birch Ct", "Elm St"];
const cities = [
  { city: "Nashville", postal: "37201" },
  { city: "Franklin", postal: "37064" },
  { city: "Murfreesboro", postal: "37130" },
  { city: "Clarksville", postal: "37040" },
];
/** The store's local area codes; other people get any US-shaped area code. */
const localAreaCodes = ["615", "629", "931"];

export interface FakePerson {
  firstName: string;
  lastName: string;
  gender: "M" | "F";
  /** Lower-case, as the eCom storefront keeps it. */
  email: string;
  /** Ten digits (US national number). */
  phoneDigits: string;
  dateOfBirth: string;
  address: EcomAddress;
}

/** Hands out people with unique emails and phones. */
export class FakePeople {
  private readonly usedEmails = new Set<string>();
  private readonly usedPhones = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  next(lastName?: string): FakePerson {
    const gender = this.random.chance(0.5) ? "F" : "M";
    const firstName = this.random.pick(gender === "F" ? firstNamesF : firstNamesM);
    const family = lastName ?? this.random.pick(lastNames);
    return {
      firstName,
      lastName: family,
      gender,
      email: this.uniqueEmail(firstName, family),
      phoneDigits: this.uniquePhone(),
      dateOfBirth: `${this.random.int(1950, 2004)}-${pad2(this.random.int(1, 12))}-${pad2(this.random.int(1, 28))}`,
      address: {
        street: `${this.random.int(100, 9899)} ${this.random.pick(streets)}`,
        ...pickCity(this.random),
        stateCode: "TN",
        stateName: "Tennessee",
      },
    };
  }

  private uniqueEmail(first: string, last: string): string {
    const base = this.random
      .pick([
        `${first}.${last}`,
        `${first}${last}`,
        `${first.charAt(0)}${last}`,
        `${first}_${last}${this.random.int(1, 99)}`,
      ])
      .toLowerCase();
    for (let n = 0; ; n++) {
      const email = `${base}${n === 0 ? "" : n}@${this.random.pick(emailDomains)}`;
      if (!this.usedEmails.has(email)) {
        this.usedEmails.add(email);
        return email;
      }
    }
  }

  private uniquePhone(): string {
    let digits = "";
    // 555-0100…555-0199 is reserved for fiction in every North American area code, so the space is
    // large but finite: after enough misses a repeat is accepted rather than looping forever.
    for (let tries = 0; tries < 200; tries++) {
      const area = this.random.chance(0.6)
        ? this.random.pick(localAreaCodes)
        : `${this.random.int(2, 9)}${this.random.int(0, 8)}${this.random.int(0, 9)}`;
      digits = `${area}5550${this.random.int(100, 199)}`;
      if (!this.usedPhones.has(digits)) break;
    }
    this.usedPhones.add(digits);
    return digits;
  }
}

function pickCity(random: SeededRandom): { city: string; postalCode: string } {
  const entry = random.pick(cities);
  return { city: entry.city, postalCode: entry.postal };
}

/** Phones the way cashiers type them into the POS: every shape a normaliser must handle. */
export function formatPhoneMessy(digits: string, random: SeededRandom): string {
  const a = digits.slice(0, 3);
  const b = digits.slice(3, 6);
  const c = digits.slice(6);
  return random.pick([
    `(${a}) ${b}-${c}`,
    `${a}-${b}-${c}`,
    `${a}.${b}.${c}`,
    `${a}${b}${c}`,
    `+1 ${a} ${b} ${c}`,
    `1-${a}-${b}-${c}`,
    `+1${a}${b}${c}`,
    ` ${a} ${b} ${c} `,
    `(${a})${b}${c}`,
  ]);
}

/** The storefront's phone shape: a leading space, then +1 and ten digits (ecom-csv.md §1.7). */
export function formatEcomPhone(digits: string): string {
  return ` +1${digits}`;
}

/** An address from the documentation IP ranges (RFC 5737). */
export function fakeIpAddress(random: SeededRandom): string {
  const net = random.pick(["192.0.2", "198.51.100", "203.0.113"]);
  return `${net}.${random.int(1, 254)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}
