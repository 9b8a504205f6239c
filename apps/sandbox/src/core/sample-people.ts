import { SeededRandom } from './prng';

/**
 * Realistic, deliberately non-ASCII people and addresses for generated orders:
 * Turkish dotted/dotless i, German ß, Polish ł, Cyrillic, Arabic, Greek, CJK…
 * so encoding and normalisation bugs show up in development, not production.
 */
interface Locale {
  country: string;
  phone: string;
  firstNames: string[];
  lastNames: string[];
  streets: string[];
  cities: [city: string, province: string, zip: string][];
}

const LOCALES: Locale[] = [
  {
    country: 'TR', phone: '05',
    firstNames: ['Şükrü', 'Ayşe', 'İlkay', 'Gülşen', 'Çağrı', 'Özge', 'Ömer', 'Işıl'],
    lastNames: ['Öztürk', 'Çelik', 'Yıldız', 'Şahin', 'Doğan', 'Kılıç', 'Aydın'],
    streets: ['Bağdat Caddesi No: 12 D:3', 'İstiklal Cd. No:45', 'Atatürk Blv. 118/7', 'Gül Sokak 4 Kat 2'],
    cities: [['İstanbul', '34', '34710'], ['İzmir', '35', '35210'], ['Ankara', '06', '06420'], ['Muğla', '48', '48400']],
  },
  {
    country: 'DE', phone: '+49 151 ',
    firstNames: ['Jürgen', 'Käthe', 'Björn', 'Lisa-Marie'], lastNames: ['Müller', 'Groß', 'Weiß', 'Schäfer'],
    streets: ['Straße des 17. Juni 135', 'Königsallee 1a', 'Am Großmarkt 7'],
    cities: [['München', 'BY', '80331'], ['Düsseldorf', 'NW', '40212'], ['Köln', 'NW', '50667']],
  },
  {
    country: 'PL', phone: '+48 ',
    firstNames: ['Łukasz', 'Małgorzata', 'Paweł', 'Zofia'], lastNames: ['Wiśniewski', 'Łęcka', 'Dąbrowski', 'Żak'],
    streets: ['ul. Świętokrzyska 31/33', 'ul. Długa 44 m. 5', 'al. Jerozolimskie 65/79'],
    cities: [['Łódź', '10', '90-001'], ['Kraków', '12', '30-001'], ['Gdańsk', '22', '80-831']],
  },
  {
    country: 'RU', phone: '+7 9',
    firstNames: ['Анна', 'Дмитрий', 'Ёлка', 'Сергей'], lastNames: ['Иванова', 'Смирнов', 'Кузнецова', 'Попов'],
    streets: ['ул. Тверская, д. 7, кв. 12', 'Невский пр., 28', 'ул. Ленина 5-17'],
    cities: [['Москва', 'MOW', '125009'], ['Санкт-Петербург', 'SPE', '191186'], ['Казань', 'TA', '420111']],
  },
  {
    country: 'AE', phone: '+971 5',
    firstNames: ['محمد', 'فاطمة', 'Zeynep', 'عمر'], lastNames: ['العلي', 'الهاشمي', 'Nasser', 'المنصوري'],
    streets: ['شارع الشيخ زايد، برج 3، شقة 1204', 'Al Wasl Rd, Villa 22', 'شارع حمدان 14'],
    cities: [['دبي', 'DU', '00000'], ['Abu Dhabi', 'AZ', '00000']],
  },
  {
    country: 'GR', phone: '+30 69',
    firstNames: ['Γιώργος', 'Ελένη', 'Νίκος'], lastNames: ['Παπαδόπουλος', 'Οικονόμου', 'Βλάχου'],
    streets: ['Οδός Ερμού 25', 'Λεωφ. Συγγρού 112'], cities: [['Αθήνα', 'I', '105 63'], ['Θεσσαλονίκη', 'B', '546 24']],
  },
  {
    country: 'CZ', phone: '+420 6',
    firstNames: ['Jiří', 'Růžena', 'Tomáš'], lastNames: ['Dvořák', 'Nováková', 'Černý'],
    streets: ['Václavské náměstí 846/1', 'Křižíkova 148/34'], cities: [['Praha', '10', '110 00'], ['Brno', '64', '602 00']],
  },
  {
    country: 'JP', phone: '+81 90',
    firstNames: ['さくら', '翔太', 'Yūki'], lastNames: ['佐藤', '鈴木', 'Tanaka'],
    streets: ['千代田区丸の内1-9-1', '渋谷区道玄坂2-24-1 5F'], cities: [['東京都', '13', '100-0005'], ['大阪市', '27', '530-0001']],
  },
  {
    country: 'US', phone: '+1 415 ',
    firstNames: ["D'Angelo", 'José', 'Zoë', 'Renée'], lastNames: ["O'Brien", 'Núñez', 'Smith-Jones', 'Nguyễn'],
    streets: ['1600 Amphitheatre Pkwy', '350 Fifth Ave, Apt 42B', '742 Evergreen Terrace'],
    cities: [['San José', 'CA', '95113'], ['New York', 'NY', '10118'], ['Springfield', 'OR', '97477']],
  },
];

export interface SamplePerson {
  firstName: string;
  lastName: string;
  countryCode: string;
  city: string;
  province: string;
  street: string;
  street2: string | null;
  zip: string;
  phone: string;
  email: string;
}

export function samplePerson(rng: SeededRandom, index: number): SamplePerson {
  // Turkey first and most often: it is the Akinon home market.
  const locale = rng.chance(0.35) ? LOCALES[0] : rng.pick(LOCALES);
  const [city, province, zip] = rng.pick(locale.cities);
  const firstName = rng.pick(locale.firstNames);
  const lastName = rng.pick(locale.lastNames);
  return {
    firstName,
    lastName,
    countryCode: locale.country,
    city,
    province,
    street: rng.pick(locale.streets),
    street2: rng.chance(0.3) ? `${locale.country === 'TR' ? 'Daire' : 'Apt'} ${rng.int(1, 40)}` : null,
    zip,
    phone: locale.phone + rng.digits(9),
    email: `buyer.${index}.${rng.digits(4)}@example.com`,
  };
}
