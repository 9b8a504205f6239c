/**
 * `address.provinceCode` (docs/api-decisions.md FX-4): sent only when the
 * canonical region is, or names, an ISO 3166-2 subdivision of the United
 * States or Canada — the code itself ("CA"), or its English/French name
 * ("California", "Québec"). Anything else (a district, a free-text region,
 * any other country) is omitted rather than sent as a code it is not.
 */
const US: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  AS: 'American Samoa',
  GU: 'Guam',
  MP: 'Northern Mariana Islands',
  PR: 'Puerto Rico',
  UM: 'United States Minor Outlying Islands',
  VI: 'Virgin Islands, U.S.',
};

const CA: Record<string, string> = {
  AB: 'Alberta',
  BC: 'British Columbia',
  MB: 'Manitoba',
  NB: 'New Brunswick',
  NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia',
  NT: 'Northwest Territories',
  NU: 'Nunavut',
  ON: 'Ontario',
  PE: 'Prince Edward Island',
  QC: 'Quebec',
  SK: 'Saskatchewan',
  YT: 'Yukon',
};

/** Names people write besides the table's own. */
const ALIASES: Record<string, Record<string, string>> = {
  US: { 'washington dc': 'DC', 'washington d.c.': 'DC', 'us virgin islands': 'VI' },
  CA: { québec: 'QC', newfoundland: 'NL', 'yukon territory': 'YT' },
};

const TABLES: Record<string, Record<string, string>> = { US, CA };

const byName = Object.fromEntries(
  Object.entries(TABLES).map(([country, table]) => [country, { ...Object.fromEntries(Object.entries(table).map(([code, name]) => [fold(name), code])), ...ALIASES[country] }]),
);

/** The ISO 3166-2 subdivision code (without the country prefix) for a region, or null to omit it. */
export function provinceCodeFor(countryCode: string, region: string | null | undefined): string | null {
  const country = countryCode.trim().toUpperCase();
  const table = TABLES[country];
  const value = region?.trim();
  if (!table || !value) return null;
  const code = value.toUpperCase().replace(new RegExp(`^${country}-`), '');
  if (Object.prototype.hasOwnProperty.call(table, code)) return code;
  return byName[country][fold(value)] ?? null;
}

function fold(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim();
}
