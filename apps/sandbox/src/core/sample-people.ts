import { SeededRandom } from './prng';

/**
 * Realistic, deliberately non-ASCII buyers and addresses for every simulator:
 * Turkish dotted/dotless i, German ß, Polish ł, Cyrillic, Greek, Arabic, CJK,
 * Hangul, apostrophes… The gateway must carry them through untouched, so the
 * sandbox must send them, and encoding bugs show up in development.
 */
interface Locale {
  country: string;
  phonePrefix: string;
  /** Digits after the prefix, so numbers have the country's length. */
  phoneDigits: number;
  /** CJK names print family name first. */
  familyFirst: boolean;
  firstNames: readonly string[];
  lastNames: readonly string[];
  places: readonly (readonly [city: string, region: string, regionCode: string, zip: string])[];
  /** `{n}` is a house number. */
  streets: readonly string[];
  /** Second address line (`{n}` a flat number); '' = none. */
  units: readonly string[];
}

const LOCALES: readonly Locale[] = [
  {
    country: 'RU',
    phonePrefix: '+7 9',
    phoneDigits: 9,
    familyFirst: false,
    firstNames: ['Анна', 'Дмитрий', 'Екатерина', 'Сергей', 'Юлия', 'Алексей', 'Наталья'],
    lastNames: ['Смирнова', 'Иванов', 'Кузнецова', 'Попов', 'Соколова', 'Лебедев'],
    places: [
      ['Москва', 'Москва', 'MOW', '125009'],
      ['Санкт-Петербург', 'Санкт-Петербург', 'SPE', '191186'],
      ['Казань', 'Республика Татарстан', 'TA', '420111'],
    ],
    streets: ['ул. Тверская, д. {n}', 'Невский пр-т, д. {n}', 'ул. Профсоюзная, д. {n}, корп. 2'],
    units: ['кв. {n}', 'подъезд 3, кв. {n}', ''],
  },
  {
    country: 'TR',
    phonePrefix: '+90 5',
    phoneDigits: 9,
    familyFirst: false,
    firstNames: ['Şükrü', 'Ayşe', 'İlkay', 'Gülşen', 'Çağrı', 'Özge', 'Ömer', 'Işıl', 'Gökhan', 'Ümit'],
    lastNames: ['Öztürk', 'Çelik', 'Yıldız', 'Şahin', 'Doğan', 'Kılıç', 'Aydın', 'Yılmaz', 'Güneş'],
    places: [
      ['İstanbul', 'İstanbul', '34', '34710'],
      ['İzmir', 'İzmir', '35', '35210'],
      ['Ankara', 'Ankara', '06', '06420'],
      ['Muğla', 'Muğla', '48', '48400'],
    ],
    streets: ['Bağdat Caddesi No: {n}', 'İstiklal Cd. No:{n}', 'Atatürk Blv. {n}', 'Gül Sokak {n}'],
    units: ['D:{n}', 'Kat 2 Daire {n}', ''],
  },
  {
    country: 'JP',
    phonePrefix: '+81 90',
    phoneDigits: 8,
    familyFirst: true,
    firstNames: ['太郎', '花子', '翔太', 'さくら', '健一'],
    lastNames: ['山田', '佐藤', '鈴木', '高橋', '田中'],
    places: [
      ['渋谷区', '東京都', '13', '150-0043'],
      ['千代田区', '東京都', '13', '100-0005'],
      ['大阪市北区', '大阪府', '27', '530-0001'],
    ],
    streets: ['道玄坂1-2-{n}', '丸の内1-9-{n}', '梅田3-1-{n}'],
    units: ['マンション{n}号室', ''],
  },
  {
    country: 'CN',
    phonePrefix: '+86 13',
    phoneDigits: 9,
    familyFirst: true,
    firstNames: ['伟', '芳', '娜', '秀英', '敏'],
    lastNames: ['王', '李', '张', '刘', '陈'],
    places: [
      ['北京市', '北京', 'BJ', '100022'],
      ['上海市', '上海', 'SH', '200120'],
      ['广州市', '广东省', 'GD', '510620'],
    ],
    streets: ['朝阳区建国路{n}号', '浦东新区世纪大道{n}号', '天河区体育西路{n}号'],
    units: ['{n}室', ''],
  },
  {
    country: 'KR',
    phonePrefix: '+82 10',
    phoneDigits: 8,
    familyFirst: true,
    firstNames: ['민준', '서연', '지호', '하은'],
    lastNames: ['김', '이', '박', '최'],
    places: [
      ['서울특별시', '서울', '11', '06236'],
      ['부산광역시', '부산', '26', '48094'],
    ],
    streets: ['강남구 테헤란로 {n}', '해운대구 해운대로 {n}'],
    units: ['{n}호', ''],
  },
  {
    country: 'DE',
    phonePrefix: '+49 15',
    phoneDigits: 9,
    familyFirst: false,
    firstNames: ['Jürgen', 'Käthe', 'Björn', 'Lisa-Marie', 'Jörg'],
    lastNames: ['Müller', 'Groß', 'Weiß', 'Schäfer', 'Schröder'],
    places: [
      ['München', 'Bayern', 'BY', '80331'],
      ['Düsseldorf', 'Nordrhein-Westfalen', 'NW', '40212'],
      ['Köln', 'Nordrhein-Westfalen', 'NW', '50667'],
    ],
    streets: ['Straße des 17. Juni {n}', 'Königsallee {n}a', 'Am Großmarkt {n}', 'Mühlenweg {n}'],
    units: ['Hinterhaus, 2. OG', ''],
  },
  {
    country: 'FR',
    phonePrefix: '+33 6',
    phoneDigits: 8,
    familyFirst: false,
    firstNames: ['Élodie', 'François', 'Hélène', 'Jérôme', 'Anaïs'],
    lastNames: ['Lefèvre', 'Dupré', 'Girard', 'Bérenger'],
    places: [
      ['Paris', 'Île-de-France', 'IDF', '75002'],
      ['Besançon', 'Bourgogne-Franche-Comté', 'BFC', '25000'],
      ['Nîmes', 'Occitanie', 'OCC', '30000'],
    ],
    streets: ['{n} rue de la Paix', '{n} avenue des Champs-Élysées', '{n} boulevard Saint-Michel'],
    units: ['Bâtiment B, escalier {n}', ''],
  },
  {
    country: 'ES',
    phonePrefix: '+34 6',
    phoneDigits: 8,
    familyFirst: false,
    firstNames: ['José', 'María', 'Íñigo', 'Begoña'],
    lastNames: ['Núñez', 'García', 'Peña', 'Muñoz'],
    places: [
      ['Madrid', 'Comunidad de Madrid', 'MD', '28014'],
      ['A Coruña', 'Galicia', 'GA', '15001'],
      ['Málaga', 'Andalucía', 'AN', '29015'],
    ],
    streets: ['Calle de Alcalá {n}', 'Avenida de la Constitución {n}'],
    units: ['{n}º B', ''],
  },
  {
    country: 'PL',
    phonePrefix: '+48 5',
    phoneDigits: 8,
    familyFirst: false,
    firstNames: ['Łukasz', 'Małgorzata', 'Paweł', 'Zofia'],
    lastNames: ['Wiśniewski', 'Łęcka', 'Dąbrowski', 'Żak', 'Wójcik'],
    places: [
      ['Łódź', 'Łódzkie', '10', '90-001'],
      ['Kraków', 'Małopolskie', '12', '30-001'],
      ['Gdańsk', 'Pomorskie', '22', '80-831'],
    ],
    streets: ['ul. Świętokrzyska {n}', 'ul. Długa {n}', 'al. Jerozolimskie {n}', 'ul. Piotrkowska {n}'],
    units: ['m. {n}', ''],
  },
  {
    country: 'US',
    phonePrefix: '+1 555',
    phoneDigits: 7,
    familyFirst: false,
    firstNames: ["D'Angelo", 'José', 'Zoë', 'Renée', 'Guadalupe'],
    lastNames: ["O'Brien", 'Núñez', 'Smith-Jones', 'Nguyễn', 'Peña-López'],
    places: [
      ['San José', 'California', 'CA', '95113'],
      ['New York', 'New York', 'NY', '10118'],
      ['Springfield', 'Oregon', 'OR', '97477'],
    ],
    streets: ['{n} Amphitheatre Pkwy', '{n} Fifth Ave', '{n} Evergreen Terrace', '{n} W Verona Ave'],
    units: ['Apt {n}', 'Suite {n}', ''],
  },
  {
    country: 'CZ',
    phonePrefix: '+420 6',
    phoneDigits: 8,
    familyFirst: false,
    firstNames: ['Jiří', 'Růžena', 'Tomáš'],
    lastNames: ['Dvořák', 'Nováková', 'Černý'],
    places: [
      ['Praha', 'Hlavní město Praha', '10', '110 00'],
      ['Brno', 'Jihomoravský kraj', '64', '602 00'],
    ],
    streets: ['Václavské náměstí {n}', 'Křižíkova {n}'],
    units: ['byt {n}', ''],
  },
  {
    country: 'GR',
    phonePrefix: '+30 69',
    phoneDigits: 8,
    familyFirst: false,
    firstNames: ['Γιώργος', 'Ελένη', 'Νίκος'],
    lastNames: ['Παπαδόπουλος', 'Οικονόμου', 'Βλάχου'],
    places: [
      ['Αθήνα', 'Αττική', 'I', '105 63'],
      ['Θεσσαλονίκη', 'Κεντρική Μακεδονία', 'B', '546 24'],
    ],
    streets: ['Οδός Ερμού {n}', 'Λεωφ. Συγγρού {n}'],
    units: ['Διαμ. {n}', ''],
  },
  {
    country: 'AE',
    phonePrefix: '+971 5',
    phoneDigits: 8,
    familyFirst: false,
    firstNames: ['محمد', 'فاطمة', 'Zeynep', 'عمر'],
    lastNames: ['العلي', 'الهاشمي', 'Nasser', 'المنصوري'],
    places: [
      ['دبي', 'دبي', 'DU', '00000'],
      ['Abu Dhabi', 'أبو ظبي', 'AZ', '00000'],
    ],
    streets: ['شارع الشيخ زايد، برج {n}', 'Al Wasl Rd, Villa {n}', 'شارع حمدان {n}'],
    units: ['شقة {n}', ''],
  },
];

/** Every place a generated buyer can live in: country code, city, region. */
export const SAMPLE_PLACES: readonly { countryCode: string; city: string; region: string }[] = LOCALES.flatMap((locale) =>
  locale.places.map(([city, region]) => ({ countryCode: locale.country, city, region })),
);

/** Every country a generated buyer can live in (e.g. what a Joom shipper serves). */
export const SAMPLE_COUNTRIES: readonly string[] = LOCALES.map((locale) => locale.country);

export interface SamplePerson {
  firstName: string;
  lastName: string;
  /** As the locale writes it (family name first in CJK). */
  fullName: string;
  countryCode: string;
  city: string;
  region: string;
  regionCode: string;
  street: string;
  street2: string | null;
  zip: string;
  phone: string;
  email: string;
}

/**
 * One buyer with an address. `home` (a country code) is drawn for about a
 * third of the buyers on top of its fair share, as a channel's home market is
 * (Turkey for Akinon).
 */
export function samplePerson(rng: SeededRandom, home?: string): SamplePerson {
  const homeLocale = LOCALES.find((locale) => locale.country === home);
  const locale = homeLocale && rng.chance(0.35) ? homeLocale : rng.pick(LOCALES);
  const firstName = rng.pick(locale.firstNames);
  const lastName = rng.pick(locale.lastNames);
  const [city, region, regionCode, zip] = rng.pick(locale.places);
  const street = rng.pick(locale.streets).replace('{n}', String(rng.int(1, 250)));
  const unit = rng.pick(locale.units);
  return {
    firstName,
    lastName,
    fullName: locale.familyFirst ? `${lastName} ${firstName}` : `${firstName} ${lastName}`,
    countryCode: locale.country,
    city,
    region,
    regionCode,
    street,
    street2: unit ? unit.replace('{n}', String(rng.int(1, 120))) : null,
    zip,
    phone: `${locale.phonePrefix}${rng.digits(locale.phoneDigits)}`,
    email: `buyer.${rng.hex(8)}@example.com`,
  };
}
